package dev.waybill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports for servers that tests and benchmarks start on their own.
 */
public final class FreePorts {

	private FreePorts() {
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

}
