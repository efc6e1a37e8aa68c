package io.usagebridge.intake;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.component.file.remote.RemoteFileOperations;

import io.usagebridge.ledger.SourceRow;

/**
 * Moves an original that waited (in inflight/, or in failed/ while uncertain) to where its outcome says, after the
 * intake's own exchange is long over: a local file with a rename, a file on an SFTP server with a rename on the
 * server, through the intake route's own endpoint (its host key check, user and key).
 */
public final class OriginalMover {

    private final CamelContext context;

    public OriginalMover(CamelContext context) {
        this.context = context;
    }

    /** True when the original can be moved from this instance (local and present, or remote via its route). */
    public boolean reachable(SourceRow source) {
        if (isLocal(source.keptAt())) {
            return Files.exists(Path.of(source.keptAt()));
        }
        return remoteEndpoint(source) != null;
    }

    /**
     * Moves the original to {@code dir} (an outcome folder: absolute for local files, relative to the intake
     * directory for remote ones) below its inbox sub-folder, never over an existing file.
     *
     * @return where it is now
     */
    public String move(SourceRow source, String dir) throws IOException {
        String keptAs = Path.of(source.keptAt()).getFileName().toString();
        Path relativeDir = Path.of(source.name()).getParent();
        if (isLocal(source.keptAt())) {
            Path outcomeDir = relativeDir == null ? Path.of(dir) : Path.of(dir).resolve(relativeDir);
            Files.createDirectories(outcomeDir);
            Path to = Path.of(SourceFinaliser.freeName(outcomeDir.toString(), keptAs, source.id()));
            return Files.move(Path.of(source.keptAt()), to, StandardCopyOption.ATOMIC_MOVE).toString();
        }
        return moveRemote(source, dir + "/" + keptAs, false);
    }

    /**
     * A replay: the kept original goes back into the inbox its intake route reads, under its own name, never over
     * a file there. The intake then takes it as a file seen before: only deliveries not ACCEPTED are sent again.
     *
     * @return where it is now
     */
    public String moveBackToInbox(SourceRow source) throws IOException {
        Route route = source.intakeRoute() == null ? null : context.getRoute(source.intakeRoute());
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        if (isLocal(source.keptAt()) && endpoint instanceof FileEndpoint folder) {
            Path to = folder.getFile().toPath().toAbsolutePath().resolve(source.name());
            if (Files.exists(to)) {
                throw new FileAlreadyExistsException(to.toString(), null, "a file of this name waits in the inbox");
            }
            Files.createDirectories(to.getParent());
            return Files.move(Path.of(source.keptAt()), to, StandardCopyOption.ATOMIC_MOVE).toString();
        }
        if (!isLocal(source.keptAt()) && endpoint instanceof RemoteFileEndpoint<?>) {
            return moveRemote(source, source.name(), true);
        }
        throw new IOException("the intake route " + source.intakeRoute() + " of " + source.name()
                + " is not running here: move " + source.keptAt() + " back into its inbox by hand");
    }

    private String moveRemote(SourceRow source, String to, boolean intoInbox) throws IOException {
        RemoteFileEndpoint<?> endpoint = remoteEndpoint(source);
        if (endpoint == null) {
            throw new IOException("the intake route " + source.intakeRoute() + " of " + source.name()
                    + " is not running here: its original at " + source.keptAt() + " cannot be moved");
        }
        RemoteFileConfiguration config = endpoint.getConfiguration();
        String base = config.getDirectory() == null || config.getDirectory().isEmpty() ? ""
                : config.getDirectory().replaceAll("/+$", "") + "/";
        try {
            RemoteFileOperations<?> ops = endpoint.createRemoteFileOperations();
            ops.connect(config, null);
            try {
                String target = base + to;
                String parent = target.contains("/") ? target.substring(0, target.lastIndexOf('/')) : "";
                if (!parent.isEmpty()) {
                    ops.buildDirectory(parent, base.startsWith("/"));
                }
                if (ops.existsFile(target)) {
                    if (intoInbox) {
                        throw new FileAlreadyExistsException(target, null, "a file of this name waits in the inbox");
                    }
                    target = target + "." + source.id();
                }
                if (!ops.renameFile(base + source.keptAt(), target)) {
                    throw new IOException("the server refused to move " + source.keptAt() + " to " + target);
                }
                return target.substring(base.length());
            } finally {
                ops.disconnect();
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("moving " + source.keptAt() + " on the SFTP server failed: " + e.getMessage(), e);
        }
    }

    private RemoteFileEndpoint<?> remoteEndpoint(SourceRow source) {
        if (source.intakeRoute() == null) {
            return null;
        }
        Route route = context.getRoute(source.intakeRoute());
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        return endpoint instanceof RemoteFileEndpoint<?> remote ? remote : null;
    }

    public static boolean isLocal(String keptAt) {
        return keptAt != null && Path.of(keptAt).isAbsolute();
    }
}
