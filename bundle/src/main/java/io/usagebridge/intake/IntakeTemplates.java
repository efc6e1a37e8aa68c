package io.usagebridge.intake;

import java.util.List;
import java.util.Map;

/** What the rest of the bundle knows of the intake route templates ({@code folder-source}, {@code sftp-source}). */
public final class IntakeTemplates {

    /** The route group of every route made from an intake template: liveness watches these whatever their id. */
    public static final String GROUP = "intake";

    /** Template id to the parameter names it takes. */
    public static final Map<String, List<String>> PARAMETERS = Map.of(
            FolderSourceTemplate.ID, FolderSourceTemplate.PARAMETERS,
            SftpSourceTemplate.ID, SftpSourceTemplate.PARAMETERS);

    /** Template id to the parameters a templatedRoute must give (they have no default). */
    public static final Map<String, List<String>> REQUIRED = Map.of(
            FolderSourceTemplate.ID, FolderSourceTemplate.REQUIRED,
            SftpSourceTemplate.ID, SftpSourceTemplate.REQUIRED);

    private IntakeTemplates() {
    }
}
