package io.usagebridge.targets.zuora.soap;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
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
        exchange.setProperty(ExchangeKeys.SOAP_REQUEST, new ZuoraSoapRequest.CreateImport(chunk.path(),
                mediaType + "; name=" + fileName, importName, chunk.md5()));
        exchange.setProperty(ExchangeKeys.SENT_NAME, importName);
    }
}
