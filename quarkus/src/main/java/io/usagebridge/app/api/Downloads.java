package io.usagebridge.app.api;

import java.nio.file.Path;

import jakarta.ws.rs.core.Response;

/** A kept file sent as a download; its name came from outside (an SFTP listing), so only safe characters stay. */
final class Downloads {

    private Downloads() {
    }

    static Response attachment(Path file, String mediaType) {
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(file.toFile(), mediaType).header("Content-Disposition", "attachment; filename=\"" + name
                + "\"").build();
    }
}
