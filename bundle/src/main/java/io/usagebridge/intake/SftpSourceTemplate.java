package io.usagebridge.intake;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

import io.usagebridge.ExchangeKeys;

/**
 * The {@code sftp-source} route template: a directory on an SFTP server as an intake, made by one
 * {@code templatedRoute} in routes/. The server's host key is always checked against {@code knownHostsFile}: the
 * template has no parameter to turn that off, so an unknown or changed key is refused. A file is taken by one
 * instance only (a lease in the ledger) once it is {@code readLockMinAgeMs} old, downloaded to a local work folder
 * and handed to {@code direct:ingest}; on commit it is moved on the server to doneDir, failedDir, duplicateDir or
 * inflightDir (relative to dir; moved on from inflight once its targets finish); error sidecars go to a local folder
 * mirroring failedDir. A file that cannot be processed at all stays where it is.
 */
public class SftpSourceTemplate extends RouteBuilder {

    public static final String ID = "sftp-source";

    /** Every parameter this template takes (the start-up checks refuse any other name). */
    public static final List<String> PARAMETERS = List.of("workers", "host", "port", "dir", "username", "password",
            "privateKeyFile", "knownHostsFile", "doneDir", "failedDir", "duplicateDir", "inflightDir",
            "localWorkDir", "localFailedDir", "include", "readLockMinAgeMs", "readLockCheckIntervalMs",
            "readLockTimeoutMs", "pollDelayMs", "doneFileName", "autoStartup");

    /** The parameters without a default. */
    public static final List<String> REQUIRED = List.of("host", "dir", "username", "knownHostsFile");

    @Override
    public void configure() {
        RouteTemplateDefinition template = IntakeTemplates.withWorkers(routeTemplate(ID))
                .templateParameter("host", null, "the SFTP server")
                .templateParameter("port", "22", "its SSH port")
                .templateParameter("dir", null, "the directory taken from, relative to the login directory")
                .templateParameter("username", null, "the login")
                // empty, not optional: RAW() keeps a password's & + % intact, and an unset optional stays literal
                .templateParameter("password", "", "secret: a reference such as {{env:NAME}}, never the value; "
                        + "empty when privateKeyFile is used")
                .templateOptionalParameter("privateKeyFile", "a private key file to log in with, instead of a "
                        + "password")
                .templateParameter("knownHostsFile", null, "the server's host key (OpenSSH known_hosts; for a port "
                        + "other than 22 its entries read [host]:port); always checked")
                .templateParameter("doneDir", ".done", "on the server, relative to dir: where an original goes "
                        + "once every target took it")
                .templateParameter("failedDir", ".failed", "on the server: where a failed original goes")
                .templateParameter("duplicateDir", ".duplicate", "on the server: content already delivered")
                .templateParameter("inflightDir", ".inflight", "on the server: where an original waits while a "
                        + "retry is parked or a target still processes it")
                // one local folder per source below the SFTP intakes' ones: two sources may hold files of one name
                .templateParameter("localWorkDir", "{{intake.sftp.local-work-dir:data/sftp-work}}/{{host}}/{{dir}}",
                        "local folder files are downloaded to")
                .templateParameter("localFailedDir",
                        "{{intake.sftp.local-failed-dir:data/sftp-failed}}/{{host}}/{{dir}}",
                        "local folder of the <file>.error.json sidecars of originals in failedDir")
                .templateParameter("include", "(?i).*\\.csv", "regular expression of the file names taken; upload "
                        + "under another name and rename")
                // timings: the SFTP intakes' keys by default, so one setting (or a %test. line) tunes them all
                .templateParameter("readLockMinAgeMs", "{{intake.sftp.read-lock-min-age-ms:10000}}",
                        "a file is taken once it is this old")
                .templateParameter("readLockCheckIntervalMs", "{{intake.sftp.read-lock-check-interval-ms:1000}}",
                        "how often a file's size and age are compared")
                .templateParameter("readLockTimeoutMs", "{{intake.sftp.read-lock-timeout-ms:3000}}",
                        "how long a poll waits on a young file before it leaves it for the next poll")
                .templateParameter("pollDelayMs", "{{intake.sftp.poll-delay-ms:5000}}", "milliseconds between polls")
                .templateOptionalParameter("doneFileName", "a marker that must exist before a file is taken, e.g. "
                        + "${file:name}.done (removed with it); unset: no marker")
                .templateParameter("autoStartup", "true", "false keeps the intake stopped")
                .templateBean("readLock", LedgerReadLock.class, IntakeReadLocks::sftp);
        IntakeTemplates.withOutcomeFolders(template.from("sftp:{{host}}:{{port}}/{{dir}}"
                        + "?username={{username}}&password=RAW({{password}})"
                        + "&privateKeyFile={{?privateKeyFile}}&knownHostsFile={{knownHostsFile}}"
                        // fixed: no parameter can turn host-key checking off, nor fall back to ~/.ssh/known_hosts
                        + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false"
                        + "&localWorkDirectory={{localWorkDir}}&include=RAW({{include}})"
                        + "&exclusiveReadLockStrategy=#{{readLock}}&doneFileName={{?doneFileName}}"
                        + "&delay={{pollDelayMs}}&throwExceptionOnConnectFailed=true"
                        + IntakeTemplates.UNSAFE_NAMES_FILTER + IntakeTemplates.OUTCOME_OPTIONS))
                .setProperty(ExchangeKeys.SIDECAR_DIR, constant("{{localFailedDir}}"))
                .to("direct:ingest");
    }
}
