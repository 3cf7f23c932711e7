package cn.reportpost.chat;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * WeChat's callback XML, read and written without WxJava's XStream mapping, which costs more than
 * everything else a simple answer does. A message is one flat {@code <xml>} element of text
 * fields; the reader refuses DTDs and external entities outright.
 */
final class WeChatXml {

  /** Woodstox, named rather than discovered, so the choice does not depend on the classpath. */
  private static final XMLInputFactory FACTORY = new com.ctc.wstx.stax.WstxInputFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  private WeChatXml() {}

  /** The top-level fields of a message, by element name; throws on anything that is not such XML. */
  static Map<String, String> fields(String xml) {
    Map<String, String> fields = new HashMap<>();
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
      int depth = 0;
      String name = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw new IllegalArgumentException("DTD in a callback");
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2) {
            name = r.getLocalName();
            text.setLength(0);
          }
        } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && depth == 2) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && name != null) {
            fields.put(name, text.toString().strip());
          }
          depth--;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("not XML", e);
    }
    return fields;
  }

  /** A text field as CDATA; a "]]>" inside is split across two sections. */
  static String cdata(String value) {
    return "<![CDATA[" + (value == null ? "" : value.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
  }

  /** The envelope every passive reply shares: addressed back to the sender, from the account. */
  static String reply(String to, String from, long createTime, String msgType, String body) {
    return "<xml><ToUserName>" + cdata(to) + "</ToUserName><FromUserName>" + cdata(from) + "</FromUserName><CreateTime>"
        + createTime + "</CreateTime><MsgType>" + cdata(msgType) + "</MsgType>" + body + "</xml>";
  }
}
