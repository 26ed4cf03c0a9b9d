package dev.waybill.stack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * Users and ACLs of a broker with a {@link SaslSslListener}, set through its loopback
 * PLAINTEXT listener as a cluster's administrator sets them: SCRAM-SHA-512 credentials
 * with {@code kafka-configs.sh --alter --add-config}, ACLs with {@code kafka-acls.sh}.
 */
public final class KafkaAccess implements AutoCloseable {

	// the broker's default iteration count for SCRAM credentials
	private static final int ITERATIONS = 8192;

	private static final long TIMEOUT_SECONDS = 30;

	private final Admin admin;

	/**
	 * Connects to a broker.
	 * @param bootstrapServers its PLAINTEXT listener, whose principal is a super user
	 */
	public KafkaAccess(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "waybill-kafka-access"));
	}

	/**
	 * Creates a SCRAM-SHA-512 user, or sets a new password for one that exists.
	 * @param user the user name
	 * @param password its password
	 */
	public void createUser(String user, String password) {
		ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS);
		await("create user " + user,
				this.admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password)))
					.all());
	}

	/**
	 * Deletes a user's SCRAM-SHA-512 credentials: it can no longer log in.
	 * @param user the user name
	 */
	public void deleteUser(String user) {
		await("delete user " + user,
				this.admin
					.alterUserScramCredentials(
							List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
					.all());
	}

	/**
	 * Allows a user some operations on a resource, from any host.
	 * @param user the user name
	 * @param resource the topic, group, transactional id or cluster, literal or prefixed
	 * @param operations what the user may do with it
	 */
	public void allow(String user, ResourcePattern resource, AclOperation... operations) {
		grant(bindings(user, resource, operations));
	}

	/**
	 * Adds ACLs.
	 * @param bindings the ACLs
	 */
	public void grant(Collection<AclBinding> bindings) {
		await("create ACLs " + bindings, this.admin.createAcls(bindings).all());
	}

	/**
	 * Removes every ACL that matches a filter.
	 * @param filter which ACLs
	 */
	public void revoke(AclBindingFilter filter) {
		await("delete ACLs " + filter, this.admin.deleteAcls(List.of(filter)).all());
	}

	/**
	 * @param user a user name
	 * @param resource a resource pattern
	 * @param operation an operation
	 * @return the ACL that allows that user the operation on the resource from any host
	 */
	public static AclBinding binding(String user, ResourcePattern resource, AclOperation operation) {
		return new AclBinding(resource,
				new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
	}

	/**
	 * @param user a user name
	 * @param resource a resource pattern
	 * @param operations operations
	 * @return the ACLs that allow that user each operation on the resource from any host
	 */
	public static List<AclBinding> bindings(String user, ResourcePattern resource, AclOperation... operations) {
		return List.of(operations).stream().map((operation) -> binding(user, resource, operation)).toList();
	}

	@Override
	public void close() {
		this.admin.close();
	}

	private static <T> T await(String what, KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = Objects.requireNonNullElse(ex.getCause(), ex);
			throw new IllegalStateException("Could not " + what + ": " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Could not " + what + " within " + TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while trying to " + what, ex);
		}
	}

}
