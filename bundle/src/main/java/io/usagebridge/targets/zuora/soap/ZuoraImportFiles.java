package io.usagebridge.targets.zuora.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.usagebridge.csv.ChunkFile;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.intake.WorkDirs;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * Makes files Zuora's Import takes out of a shaped usage CSV: at most 4194304 bytes each. A CSV within the limit
 * goes as it is; a larger one is zipped (one file at the root: Zuora refuses a zip with a directory); when even
 * the zip is too large, the CSV is cut on row boundaries, each part with the header, into parts whose zips fit:
 * the first cut sizes the parts from the compression ratio just seen, with a margin, and a part whose zip still
 * does not fit is halved. Every file is streamed; its MD5 is computed while it is written.
 */
public final class ZuoraImportFiles {

    /** Zuora refuses an import file larger than this. */
    public static final long MAX_FILE_BYTES = 4_194_304L;

    /** Parts are sized to this share of the limit, as estimated from the whole file's compression ratio. */
    private static final double MARGIN = 0.9;
    /** A fixed entry time, so the same rows always make the same zip (and the same MD5). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** Cuts an already shaped CSV on row boundaries: every column passes as text. */
    private static final CsvContract SHAPED = CsvContract.open("shaped", List.<ColumnSpec>of());

    private final UsageChunker rows;
    private final long limit;

    public ZuoraImportFiles(UsageChunker rows) {
        this(rows, MAX_FILE_BYTES);
    }

    ZuoraImportFiles(UsageChunker rows, long limit) {
        this.rows = rows;
        this.limit = limit;
    }

    /**
     * @param shaped the slice as shaped for Zuora (usually one chunk; several when the target caps rows or bytes)
     * @param dir    where the import files are written; the shaped chunks are consumed
     * @param stem   file name stem (the source's name without .csv)
     * @return the import files in order, numbered 1..n of n: CSV ({@code .csv}) or zip ({@code .zip})
     */
    public List<ChunkFile> fit(List<ChunkFile> shaped, Path dir, String stem) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".fit-");
        try {
            List<ChunkFile> pieces = new ArrayList<>();
            if (shaped.size() == 1) {
                fitWhole(shaped.get(0), work, stem, pieces);
            } else {
                for (ChunkFile chunk : shaped) {
                    fitPart(chunk, work, stem, pieces);
                }
            }
            return name(pieces, dir, stem);
        } finally {
            WorkDirs.deleteTree(work);
        }
    }

    /** The whole slice: as CSV, else zipped, else cut into parts sized from the zip's compression ratio. */
    private void fitWhole(ChunkFile slice, Path work, String stem, List<ChunkFile> pieces) throws IOException {
        if (slice.bytes() <= limit) {
            pieces.add(slice);
            return;
        }
        ChunkFile zip = zip(slice, work, ZuoraFileNames.mimeName(stem + ".csv"));
        if (zip.bytes() <= limit) {
            pieces.add(zip);
            return;
        }
        Files.delete(zip.path());
        double ratio = (double) zip.bytes() / slice.bytes();
        long partBytes = (long) (limit * MARGIN / ratio);
        split(slice, work, stem, pieces, slice.rows() * partBytes / slice.bytes());
    }

    /** One part of several: as CSV when it fits, else zipped; halved when even its zip is too large. */
    private void fitPart(ChunkFile part, Path work, String stem, List<ChunkFile> pieces) throws IOException {
        if (part.bytes() <= limit) {
            pieces.add(part);
            return;
        }
        // parts are made in their final order, so the entry can carry the part's number already
        String entry = ZuoraFileNames.mimeName(String.format("%s.part-%03d.csv", stem, pieces.size() + 1));
        ChunkFile zip = zip(part, work, entry);
        if (zip.bytes() <= limit) {
            pieces.add(zip);
            return;
        }
        Files.delete(zip.path());
        split(part, work, stem, pieces, (part.rows() + 1) / 2);
    }

    /** Cuts {@code part} on row boundaries into parts of {@code rowsPerPart} rows, each with the header. */
    private void split(ChunkFile part, Path work, String stem, List<ChunkFile> pieces, long rowsPerPart)
            throws IOException {
        if (part.rows() <= 1) {
            throw new UsageBridgeFailure(CoreFailureCode.TARGET_LIMIT_EXCEEDED,
                    "a single row of " + stem + " needs more "
                    + "than " + limit + " bytes even zipped; Zuora takes at most " + limit + " bytes per file");
        }
        // always progress: n rows become parts of fewer than n rows
        long perPart = Math.max(1, Math.min(rowsPerPart, part.rows() - 1));
        Path splitDir = Files.createTempDirectory(work, "split-");
        List<ChunkFile> parts = rows.chunk(part.path(), SHAPED, Long.MAX_VALUE, perPart, splitDir, "part");
        Files.deleteIfExists(part.path());
        for (ChunkFile sub : parts) {
            fitPart(sub, work, stem, pieces);
        }
    }

    /** Zips {@code csv} as the one entry {@code entryName} at the zip's root. */
    private static ChunkFile zip(ChunkFile csv, Path work, String entryName) throws IOException {
        Path zipFile = Files.createTempFile(work, "import-", ".zip");
        MessageDigest md5 = newMd5();
        try (OutputStream file = Files.newOutputStream(zipFile);
             ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(file, md5));
             InputStream in = Files.newInputStream(csv.path())) {
            ZipEntry entry = new ZipEntry(entryName);
            entry.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(entry);
            in.transferTo(zip);
            zip.closeEntry();
        }
        return new ChunkFile(csv.index(), csv.count(), zipFile, HexFormat.of().formatHex(md5.digest()),
                Files.size(zipFile), csv.rows());
    }

    /** Final names, numbered in order: stem.csv / stem.zip, or stem.part-002-of-005.zip. */
    private static List<ChunkFile> name(List<ChunkFile> pieces, Path dir, String stem) throws IOException {
        List<ChunkFile> named = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ChunkFile piece = pieces.get(i);
            String extension = piece.path().getFileName().toString().endsWith(".zip") ? ".zip" : ".csv";
            String name = pieces.size() == 1 ? stem + extension
                    : String.format("%s.part-%03d-of-%03d%s", stem, i + 1, pieces.size(), extension);
            Path path = Files.move(piece.path(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            named.add(new ChunkFile(i + 1, pieces.size(), path, piece.md5(), piece.bytes(), piece.rows()));
        }
        return named;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
