package io.usagebridge.intake;

import java.io.File;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder intake's filter: names with a control character are left alone first ({@link UnsafeFileNames}, the rule
 * of every intake; an endpoint takes one filter). It keeps the intake out of sub-folders that are symbolic links: the file endpoint would enter them and move
 * the files it finds there (outside the inbox) into done/ or failed/. A linked file is taken and refused with its code
 * ({@link LocalEntryCheck}); a linked folder holds no file of the inbox and is only named in the log, once.
 */
public final class LinkedFolderFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedFolderFilter.class);

    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final UnsafeFileNames names;

    public LinkedFolderFilter(UnsafeFileNames names) {
        this.names = names;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (!names.takes(file)) {
            return false;
        }
        if (!file.isDirectory() || !Files.isSymbolicLink(file.getFile().toPath())) {
            return true;
        }
        if (announced.add(file.getAbsoluteFilePath())) {
            LOG.warn("{}: a symbolic link to a folder in the inbox: never entered, its files never taken (put the "
                    + "folder itself into the inbox)", file.getRelativeFilePath());
        }
        return false;
    }
}
