package dev.waybill.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreePortsTests {

	@Test
	void handsOutDistinctPortsInOneCall() {
		for (int round = 0; round < 200; round++) {
			int[] ports = FreePorts.take(6);
			assertThat(ports).hasSize(6).doesNotHaveDuplicates();
			assertThat(Arrays.stream(ports).min().orElseThrow()).isPositive();
		}
	}

	@Test
	void findsARunOfConsecutivePortsThatCanAllBeBound() throws IOException {
		int first = FreePorts.consecutive(6);
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int port = first; port < first + 6; port++) {
				sockets.add(new ServerSocket(port));
			}
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		assertThat(sockets).hasSize(6);
		assertThat(first).isLessThan(32768 - 6);
	}

	@Test
	void rejectsARunOfNoPorts() {
		assertThatIllegalArgumentException().isThrownBy(() -> FreePorts.consecutive(0))
			.withMessageContaining("1 to 100 ports");
	}

}
