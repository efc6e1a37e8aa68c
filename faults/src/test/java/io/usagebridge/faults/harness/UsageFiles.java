package io.usagebridge.faults.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the input files of a row. Every row carries an id unique in the whole suite (the row's tag, the file, the
 * row number) in the column the target keeps as sent: Description (2Checkout), DESCRIPTION (Zuora usage), id
 * (Insights). Files are written to staging and moved into the inbox in one step, so the intake never sees half a
 * file.
 */
public final class UsageFiles {

    public static final String TWOCHECKOUT_ID_COLUMN = "Description";
    public static final String ZUORA_ID_COLUMN = "DESCRIPTION";
    public static final String INSIGHTS_ID_COLUMN = "id";
    public static final String ZUORA_USAGE_FOLDER = "zuora-usage";
    public static final String INSIGHTS_FOLDER = "insights";
    public static final String INSIGHTS_DATA_SOURCE = "billing";
    public static final List<String> INSIGHTS_RECORD_TYPES = List.of("account", "subscription");

    private static final String TWOCHECKOUT_HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef";
    private static final String ZUORA_HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,"
            + "DESCRIPTION";

    private final String tag;
    private final Path staging;
    private final List<GeneratedFile> made = new ArrayList<>();

    /** @param tag a short id of the row, unique in the suite (it starts every row id) */
    public UsageFiles(String tag, Path staging) {
        this.tag = tag;
        this.staging = staging;
    }

    /** Every file made so far, in order. */
    public synchronized List<GeneratedFile> all() {
        return List.copyOf(made);
    }

    /** A valid 2Checkout usage file of {@code rows} rows, dropped into {@code inbox}. */
    public GeneratedFile twoCheckout(Path inbox, String name, int rows) {
        return twoCheckout(inbox, name, rows, 0);
    }

    /**
     * A 2Checkout file with {@code badRows} rows whose UsageStart is not a date after its good rows: it fails
     * validation with one violation per bad row.
     */
    public GeneratedFile twoCheckout(Path inbox, String name, int rows, int badRows) {
        String stem = stem(name);
        List<String> ids = new ArrayList<>();
        Path file = write(name, out -> {
            out.write(TWOCHECKOUT_HEADER + "\n");
            for (int i = 1; i <= rows + badRows; i++) {
                String id = tag + "-" + stem + "-r" + i;
                ids.add(id);
                String start = i <= rows ? "2026-11-01 00:00:00" : "not-a-date-" + i;
                out.write(start + ",2026-11-01 01:00:00,metered-api," + id + ",SUB-" + (i % 7) + "\n");
            }
        });
        return drop(file, inbox, name, "twocheckout", ids, badRows == 0);
    }

    /** A 2Checkout file of about {@code bytes} bytes (many rows), for a download that takes a while. */
    public GeneratedFile largeTwoCheckout(Path inbox, String name, long bytes) {
        int rows = (int) Math.max(1, bytes / 80);
        return twoCheckout(inbox, name, rows);
    }

    /** A valid Zuora usage file, dropped into {@code inbox}/zuora-usage/ (the Zuora REST usage target's folder). */
    public GeneratedFile zuoraUsage(Path inbox, String name, int rows) {
        String stem = stem(name);
        List<String> ids = new ArrayList<>();
        Path file = write(name, out -> {
            out.write(ZUORA_HEADER + "\n");
            for (int i = 1; i <= rows; i++) {
                String id = tag + "-" + stem + "-r" + i;
                ids.add(id);
                out.write("A0000" + (i % 9) + ",Each," + i + ",11/01/2026,11/30/2026,,," + id + "\n");
            }
        });
        return drop(file, inbox.resolve(ZUORA_USAGE_FOLDER), ZUORA_USAGE_FOLDER + "/" + name, "zuora-usage", ids,
                true);
    }

    /** One Insights batch: a file per record type in inbox/insights/billing/{@code batch}/, the folder made whole. */
    public List<GeneratedFile> insightsBatch(Path inbox, String batch, int rows) {
        Path batchStaging = staging.resolve("batch-" + batch);
        List<GeneratedFile> files = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (String recordType : INSIGHTS_RECORD_TYPES) {
            List<String> ids = new ArrayList<>();
            Path file = write(batchStaging.getFileName() + "/" + recordType + ".csv", out -> {
                out.write("id,name,created\n");
                for (int i = 1; i <= rows; i++) {
                    String id = tag + "-" + batch + "-" + recordType + "-r" + i;
                    ids.add(id);
                    out.write(id + ",name " + i + ",2026-11-01\n");
                }
            });
            written.add(file);
            files.add(new GeneratedFile(INSIGHTS_FOLDER + "/" + INSIGHTS_DATA_SOURCE + "/" + batch + "/"
                    + recordType + ".csv", "insights", sha256(file), ids, true));
        }
        Path target = inbox.resolve(INSIGHTS_FOLDER).resolve(INSIGHTS_DATA_SOURCE).resolve(batch);
        try {
            Files.createDirectories(target.getParent());
            // the whole folder appears at once: the intake never sees a batch with one record type missing
            Files.move(batchStaging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("dropping batch " + batch, e);
        }
        synchronized (this) {
            made.addAll(files);
        }
        return files;
    }

    private GeneratedFile drop(Path file, Path dir, String name, String target, List<String> ids, boolean valid) {
        GeneratedFile generated = new GeneratedFile(name, target, sha256(file), ids, valid);
        try {
            Files.createDirectories(dir);
            Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("dropping " + name, e);
        }
        synchronized (this) {
            made.add(generated);
        }
        return generated;
    }

    private interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    private Path write(String name, Body body) {
        Path file = staging.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                body.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + name, e);
        }
        return file;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    public static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("hashing " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
