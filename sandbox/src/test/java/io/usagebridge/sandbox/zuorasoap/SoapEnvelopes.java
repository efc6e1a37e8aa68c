package io.usagebridge.sandbox.zuorasoap;

import java.util.ArrayList;
import java.util.List;

/**
 * Request envelopes written by hand in the shape CXF gives them (prefixes, Import fields in the
 * WSDL's order), so tests do not trust the code they check.
 */
final class SoapEnvelopes {

    static final String API = "http://api.zuora.com/";
    static final String OBJECT = "http://object.api.zuora.com/";
    static final String FAULT = "http://fault.api.zuora.com/";
    static final String XOP = "http://www.w3.org/2004/08/xop/include";

    private SoapEnvelopes() {
    }

    static String login(String username, String password) {
        return envelope(null, "<ns2:login xmlns:ns2=\"" + API + "\"><ns2:username>" + username
                + "</ns2:username><ns2:password>" + password + "</ns2:password></ns2:login>");
    }

    static String query(String session, String zoql) {
        return envelope(session, "<ns2:query xmlns:ns2=\"" + API + "\"><ns2:queryString>" + zoql
                + "</ns2:queryString></ns2:query>");
    }

    static String create(String session, String... zObjects) {
        return create(session, List.of(zObjects));
    }

    static String create(String session, List<String> zObjects) {
        StringBuilder body = new StringBuilder("<ns2:create xmlns:ns2=\"" + API + "\" xmlns:ns3=\"" + OBJECT + "\">");
        zObjects.forEach(body::append);
        return envelope(session, body.append("</ns2:create>").toString());
    }

    /** One Import zObject; null fields are left out. {@code fileContent} is the element's inner XML. */
    static String importObject(String fileContent, String importType, String md5, String name) {
        return importObject(fileContent, null, importType, md5, name);
    }

    static String importObject(String fileContent, String xmimeContentType, String importType, String md5,
                               String name) {
        List<String> fields = new ArrayList<>();
        if (fileContent != null) {
            fields.add(xmimeContentType == null ? "<ns3:FileContent>" + fileContent + "</ns3:FileContent>"
                    : "<ns3:FileContent xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" xmime:contentType=\""
                    + xmimeContentType + "\">" + fileContent + "</ns3:FileContent>");
        }
        if (importType != null) {
            fields.add("<ns3:ImportType>" + importType + "</ns3:ImportType>");
        }
        if (md5 != null) {
            fields.add("<ns3:Md5>" + md5 + "</ns3:Md5>");
        }
        if (name != null) {
            fields.add("<ns3:Name>" + name + "</ns3:Name>");
        }
        return "<ns2:zObjects xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ns3:Import\">"
                + String.join("", fields) + "</ns2:zObjects>";
    }

    static String xopInclude(String cidUrl) {
        return "<xop:Include xmlns:xop=\"" + XOP + "\" href=\"" + cidUrl + "\"/>";
    }

    static String envelope(String session, String body) {
        String header = session == null ? ""
                : "<soap:Header><ns2:SessionHeader xmlns:ns2=\"" + API + "\"><ns2:session>" + session
                + "</ns2:session></ns2:SessionHeader></soap:Header>";
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" + header
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }
}
