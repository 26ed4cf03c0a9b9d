package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers that tests and benchmarks start on their own.
 */
public final class FreePorts {

	// Below Linux's range for outgoing connections (32768 and up), where the ports of
	// take() come from, so that a run never overlaps them or a client's socket.
	private static final int RUN_LOWEST = 20000;

	private static final int RUN_HIGHEST = 32767;

	private static final int RUN_ATTEMPTS = 100;

	private FreePorts() {
	}

	/**
	 * Finds a run of consecutive free ports, for servers whose ports follow a scheme (the
	 * demo's brokers take every other port from a first one). The ports lie below the
	 * range {@link #take(int)} draws from, so the two never overlap.
	 * @param count how many ports
	 * @return the first port of the run
	 */
	public static int consecutive(int count) {
		if (count < 1 || count > 100) {
			throw new IllegalArgumentException("A run has 1 to 100 ports, not " + count);
		}
		for (int attempt = 0; attempt < RUN_ATTEMPTS; attempt++) {
			int first = RUN_LOWEST + ThreadLocalRandom.current().nextInt(RUN_HIGHEST - RUN_LOWEST - count);
			if (allFree(first, count)) {
				return first;
			}
		}
		throw new IllegalStateException("No run of " + count + " free ports found between " + RUN_LOWEST + " and "
				+ RUN_HIGHEST + " in " + RUN_ATTEMPTS + " attempts");
	}

	/**
	 * Finds distinct free ports. Their sockets are open together while they are chosen,
	 * so the system cannot hand out one port twice, as it can when ports are asked for
	 * one at a time.
	 * @param count how many ports
	 * @return the ports
	 */
	public static int[] take(int count) {
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
		finally {
			closeAll(sockets);
		}
	}

	private static boolean allFree(int first, int count) {
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			for (int port = first; port < first + count; port++) {
				sockets.add(new ServerSocket(port));
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			closeAll(sockets);
		}
	}

	private static void closeAll(List<ServerSocket> sockets) {
		for (ServerSocket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// a socket that would not close still gave its port number
			}
		}
	}

}
