package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where every original is now, found by content (SHA-256) in the layout's folders, whatever name the app kept it
 * under; and the failure code of the sidecar beside each one in failed/.
 */
public final class FolderCensus {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_0-9]+)\"");
    private static final Set<String> NOT_ORIGINALS = Set.of(".error.json", ".tmp", ".zip", ".camelLock",
            ".inprogress");

    private final Map<String, List<Place>> places;
    private final Map<String, String> failedCodes;

    private FolderCensus(Map<String, List<Place>> places, Map<String, String> failedCodes) {
        this.places = places;
        this.failedCodes = failedCodes;
    }

    public static FolderCensus take(FolderLayout layout) {
        Map<String, List<Place>> places = new HashMap<>();
        Map<String, Path> failedPaths = new HashMap<>();
        for (Map.Entry<Place, Path> folder : layout.folders().entrySet()) {
            for (Path file : originals(folder.getValue(), folder.getKey() == Place.INBOX)) {
                String sha;
                try {
                    sha = UsageFiles.sha256(file);
                } catch (UncheckedIOException e) {
                    continue; // moved away while it was read: the next census sees it where it went
                }
                places.computeIfAbsent(sha, key -> new ArrayList<>()).add(folder.getKey());
                if (folder.getKey() == Place.FAILED) {
                    failedPaths.put(sha, file);
                }
            }
        }
        Map<String, String> sidecarCodes = sidecarCodes(layout.sidecarDirs());
        Map<String, String> failedCodes = new HashMap<>();
        failedPaths.forEach((sha, file) -> {
            String code = sidecarCodes.get(file.getFileName() + ".error.json");
            if (code == null && file.getParent() != null) {
                // an Insights batch fails as a folder: <batch>.error.json beside it
                code = sidecarCodes.get(file.getParent().getFileName() + ".error.json");
            }
            if (code != null) {
                failedCodes.put(sha, code);
            }
        });
        return new FolderCensus(places, failedCodes);
    }

    /** Every place an original with this content is in (empty when nowhere, two entries when in two places). */
    public List<Place> placesOf(String sha256) {
        return places.getOrDefault(sha256, List.of());
    }

    /** The code of the sidecar beside this original in failed/, or null. */
    public String failedCode(String sha256) {
        return failedCodes.get(sha256);
    }

    private static List<Path> originals(Path dir, boolean skipDotFolders) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> NOT_ORIGINALS.stream().noneMatch(suffix -> path.getFileName().toString()
                            .endsWith(suffix)))
                    .filter(path -> !skipDotFolders || !insideDotFolder(dir, path))
                    .forEach(files::add);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Inside the inbox, dot folders are the app's own (.unhandled, .camel, SFTP's .done, ...): not the inbox. */
    private static boolean insideDotFolder(Path root, Path file) {
        for (Path part : root.relativize(file.getParent() == null ? file : file.getParent())) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> sidecarCodes(List<Path> dirs) {
        Map<String, String> codes = new HashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.filter(path -> path.getFileName().toString().endsWith(".error.json")).forEach(path -> {
                    try {
                        Matcher m = CODE.matcher(Files.readString(path));
                        if (m.find()) {
                            codes.put(path.getFileName().toString(), m.group(1));
                        }
                    } catch (IOException e) {
                        // a sidecar being written: the next census reads it
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a folder changing under the walk: the next census sees it settled
            }
        }
        return codes;
    }
}
