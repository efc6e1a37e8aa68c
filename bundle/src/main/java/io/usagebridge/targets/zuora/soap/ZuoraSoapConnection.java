package io.usagebridge.targets.zuora.soap;

import io.usagebridge.security.UrlAllowList;

/**
 * Everything one configured Zuora SOAP target needs on the wire, made from its templatedRoute's parameters: its
 * session, and the steps that build its calls, read its faults and download its results with that session.
 */
record ZuoraSoapConnection(String target, ZuoraSoapSession session, ZuoraSoapCallBuilder calls,
                           ZuoraSoapFaults faults, ZuoraResultDownload download) {

    static ZuoraSoapConnection of(String target, String loginUrl, String username, String password,
                                  UrlAllowList allowList) {
        ZuoraSoapSession session = new ZuoraSoapSession(target, loginUrl, username, password, allowList);
        return new ZuoraSoapConnection(target, session, new ZuoraSoapCallBuilder(session),
                new ZuoraSoapFaults(session), new ZuoraResultDownload(session));
    }
}
