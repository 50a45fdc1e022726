package ru.newsmed.imagegen.jms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may do what on the embedded broker once it is open to other processes. A connection inside
 * this JVM (the in-VM acceptor: the service's own routes and templates) may do anything. A
 * connection from outside must log in as IMAGE_JMS_USER with IMAGE_JMS_PASSWORD, and may then only
 * send to the request queue and create, consume from, send to and delete temporary queues (its
 * replies): it cannot consume or browse the request queue, create a durable or shared queue,
 * create a queue on an address that exists (another caller's replies) or use management. A check
 * cannot tell a temporary queue from another non-durable one: {@link TemporaryQueuesOnly} does.
 */
class ExternalClientAccess implements ActiveMQSecurityManager5 {

    private static final String INTERNAL_ROLE = "image-generation-internal";
    private static final String CLIENT_ROLE = "image-generation-client";
    /** The name the Artemis JMS client gives a temporary queue (a UUID, with the 1.x prefix or not). */
    private static final Pattern TEMPORARY_NAME =
            Pattern.compile("(jms\\.tempqueue\\.)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String user;
    private final byte[] password;
    private final String requestQueue;
    private final Supplier<ActiveMQServer> server;

    ExternalClientAccess(String user, String password, String requestQueue, Supplier<ActiveMQServer> server) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.requestQueue = requestQueue;
        this.server = server;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(INTERNAL_ROLE, INTERNAL_ROLE);
        }
        if (this.user.equals(user) && password != null
                && MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8))) {
            return subject(user, CLIENT_ROLE);
        }
        return null;
    }

    /** {@code address} is an address, or {@code address::queue} when a queue is named. */
    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (hasRole(subject, INTERNAL_ROLE)) {
            return true;
        }
        if (!hasRole(subject, CLIENT_ROLE) || address == null) {
            return false;
        }
        SimpleString bareAddress = CompositeAddress.extractAddressName(SimpleString.of(address));
        SimpleString queue = CompositeAddress.isFullyQualified(address)
                ? CompositeAddress.extractQueueName(SimpleString.of(address)) : bareAddress;
        return switch (checkType) {
            case SEND -> bareAddress.toString().equals(requestQueue) || isTemporaryQueue(bareAddress, queue);
            case CONSUME, DELETE_NON_DURABLE_QUEUE -> isTemporaryQueue(bareAddress, queue);
            case DELETE_ADDRESS -> isTemporaryAddress(bareAddress);
            case CREATE_ADDRESS, CREATE_NON_DURABLE_QUEUE -> TEMPORARY_NAME.matcher(bareAddress).matches()
                    && TEMPORARY_NAME.matcher(queue).matches()
                    && server.get().getAddressInfo(bareAddress) == null;
            default -> false;
        };
    }

    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private boolean isTemporaryQueue(SimpleString address, SimpleString name) {
        if (address.toString().equals(requestQueue) || name.toString().equals(requestQueue)) {
            return false;
        }
        Queue queue = server.get().locateQueue(name);
        return queue != null && queue.isTemporary() && queue.getAddress().equals(address);
    }

    private boolean isTemporaryAddress(SimpleString address) {
        AddressInfo info = server.get().getAddressInfo(address);
        return info != null && info.isTemporary() && !address.toString().equals(requestQueue);
    }

    private static Subject subject(String name, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(name));
        subject.getPrincipals().add(new RolePrincipal(role));
        subject.setReadOnly();
        return subject;
    }

    private static boolean hasRole(Subject subject, String role) {
        return subject != null && subject.getPrincipals(RolePrincipal.class).stream().anyMatch(p -> p.getName().equals(role));
    }
}
