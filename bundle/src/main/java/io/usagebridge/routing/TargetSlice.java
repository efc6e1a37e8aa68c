package io.usagebridge.routing;

import java.nio.file.Path;

/** The part of a source file meant for one target: the whole file, or the rows a routing column gave it. */
public record TargetSlice(String target, Path file) {
}
