package io.usagebridge.faults.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which local folder is which {@link Place} for an intake, and where its error sidecars are written. The folder
 * intake uses the row's data folders; the SFTP intake moves originals inside the remote directory (.done/,
 * .failed/, ...) and writes sidecars to each node's local failed folder.
 */
public final class FolderLayout {

    private final Map<Place, Path> folders = new EnumMap<>(Place.class);
    private final List<Path> sidecarDirs = new ArrayList<>();

    private FolderLayout() {
    }

    public static FolderLayout folderIntake(RunFolders run) {
        FolderLayout layout = new FolderLayout();
        layout.folders.put(Place.INBOX, run.inbox());
        layout.folders.put(Place.UNHANDLED, run.unhandled());
        layout.folders.put(Place.INFLIGHT, run.inflight());
        layout.folders.put(Place.DONE, run.done());
        layout.folders.put(Place.FAILED, run.failed());
        layout.folders.put(Place.DUPLICATE, run.duplicate());
        layout.sidecarDirs.add(run.failed());
        return layout;
    }

    /** @param nodeFailedDirs each node's {@code intake.sftp.local-failed-dir} */
    public static FolderLayout sftpIntake(Path remoteDir, List<Path> nodeFailedDirs) {
        FolderLayout layout = new FolderLayout();
        layout.folders.put(Place.INBOX, remoteDir);
        layout.folders.put(Place.INFLIGHT, remoteDir.resolve(".inflight"));
        layout.folders.put(Place.DONE, remoteDir.resolve(".done"));
        layout.folders.put(Place.FAILED, remoteDir.resolve(".failed"));
        layout.folders.put(Place.DUPLICATE, remoteDir.resolve(".duplicate"));
        layout.sidecarDirs.addAll(nodeFailedDirs);
        layout.sidecarDirs.add(remoteDir.resolve(".failed"));
        return layout;
    }

    public Map<Place, Path> folders() {
        return folders;
    }

    public List<Path> sidecarDirs() {
        return sidecarDirs;
    }
}
