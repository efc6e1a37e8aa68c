package io.usagebridge.targets.zuora.soap;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.preview.PreparedRequest;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * The create() of one import file: Zuora wants the Md5 of exactly the attached bytes (the chunk, or its zip; not
 * the source file), the file's name in the attachment's Content-Type (under 50 characters) and a Name for the
 * Import (the source's own name, at most 100 characters).
 */
public final class ZuoraImportRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String source = Path.of(exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class)).getFileName().toString();
        String fileName = ZuoraFileNames.mimeName(chunk.fileName());
        String mediaType = fileName.endsWith(".zip") ? "application/zip" : "text/csv";
        String importName = ZuoraFileNames.importName(source, chunk.index(), chunk.count());
        String contentType = mediaType + "; name=" + fileName;
        exchange.setProperty(ExchangeKeys.SOAP_REQUEST, new ZuoraSoapRequest.CreateImport(chunk.path(),
                contentType, importName, chunk.md5()));
        exchange.setProperty(ExchangeKeys.SENT_NAME, importName);
        exchange.setProperty(ExchangeKeys.PREPARED_REQUEST, preview(chunk, contentType, fileName, importName));
    }

    /** The create() as a dry run tells it: the Import's fields and its MTOM attachment. */
    private static PreparedRequest preview(ChunkFile chunk, String contentType, String fileName,
                                           String importName) {
        return new PreparedRequest("POST", "<ServerUrl>")
                .text("operation", "create", null)
                .text("ImportType", ZuoraSoapMessages.IMPORT_TYPE, null)
                .text("Md5", chunk.md5(), null)
                .text("Name", importName, null)
                .file("FileContent", chunk.path(), contentType, fileName)
                .atSendTime("url", "the ServerUrl login() answers (a dry run does not log in)")
                .atSendTime("SessionHeader", "the session login() answers")
                .atSendTime("FileContent", "an MTOM part, Content-ID import-<the ledger's delivery id>@usagebridge.io, "
                        + "that the envelope's xop:Include points at");
    }
}
