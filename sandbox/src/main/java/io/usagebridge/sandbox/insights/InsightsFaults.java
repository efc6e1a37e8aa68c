package io.usagebridge.sandbox.insights;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The fault knobs of the Insights simulator: each applies to the next n matching requests, then wears off. */
final class InsightsFaults {

    private record PutFailure(String recordType, int status, int[] remaining) {
    }

    private int uploadUrlFailures;
    private int uploadUrlFailureStatus;
    private final List<PutFailure> putFailures = new ArrayList<>();
    private int putDrops;
    private int expiredAtStore;
    private int expiredAtIssue;
    private int redirects;
    private String redirectLocation;
    private String issueHost;

    synchronized void failNextUploadUrlCalls(int n, int status) {
        uploadUrlFailures = n;
        uploadUrlFailureStatus = status;
    }

    /** The status the next upload-URL call fails with, or 0. */
    synchronized int nextUploadUrlFailure() {
        if (uploadUrlFailures > 0) {
            uploadUrlFailures--;
            return uploadUrlFailureStatus;
        }
        return 0;
    }

    synchronized void failNextPuts(String recordType, int n, int status) {
        putFailures.add(new PutFailure(recordType, status, new int[] {n}));
    }

    /** The status a PUT of this record type fails with, or 0. */
    synchronized int nextPutFailure(String recordType) {
        for (Iterator<PutFailure> it = putFailures.iterator(); it.hasNext(); ) {
            PutFailure f = it.next();
            if (f.recordType() == null || f.recordType().equals(recordType)) {
                if (--f.remaining()[0] <= 0) {
                    it.remove();
                }
                return f.status();
            }
        }
        return 0;
    }

    synchronized void dropNextPuts(int n) {
        putDrops = n;
    }

    synchronized boolean dropPut() {
        return putDrops > 0 && putDrops-- > 0;
    }

    synchronized void expireNextAtStore(int n) {
        expiredAtStore = n;
    }

    synchronized boolean expiredAtStore() {
        return expiredAtStore > 0 && expiredAtStore-- > 0;
    }

    synchronized void issueExpiredNext(int n) {
        expiredAtIssue = n;
    }

    synchronized boolean issueExpired() {
        return expiredAtIssue > 0 && expiredAtIssue-- > 0;
    }

    synchronized void redirectNextPuts(int n, String location) {
        redirects = n;
        redirectLocation = location;
    }

    /** Where the next PUT is redirected, or null. */
    synchronized String redirect() {
        return redirects > 0 && redirects-- > 0 ? redirectLocation : null;
    }

    synchronized void issueUrlsForHost(String host) {
        issueHost = host;
    }

    synchronized String issueHost() {
        return issueHost;
    }

    synchronized void clear() {
        uploadUrlFailures = 0;
        putFailures.clear();
        putDrops = 0;
        expiredAtStore = 0;
        expiredAtIssue = 0;
        redirects = 0;
        redirectLocation = null;
        issueHost = null;
    }
}
