package io.draftboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.imaging.Infotext;
import io.draftboard.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Recall from Draw Things, which writes no {@code parameters} but an XMP packet in the iTXt chunk
 * {@code XML:com.adobe.xmp} (peers.md §2): {@code exif:UserComment} holds JSON ({@code c} prompt, {@code seed},
 * {@code size} "WxH", {@code steps}, {@code scale}), and {@code dc:description} an A1111-like text with the
 * negative prompt on a line starting with "-".
 *
 * <p>The JSON is trusted wherever it is found, since its keys are Draw Things' own and editors such as
 * Photoshop rewrite {@code xmp:CreatorTool}; the looser description only when the creator tool says Draw
 * Things. Krita's cloud-mode XMP, the other one peers write, only labels the image as AI-made: nothing to
 * recall there.
 */
final class DrawThingsXmp {
    static final String KEY = "XML:com.adobe.xmp";
    private static final String SOURCE = "Draw Things";
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String EXIF = "http://ns.adobe.com/exif/1.0/";
    private static final String XMP = "http://ns.adobe.com/xap/1.0/";

    private DrawThingsXmp() {
    }

    static Optional<RecalledParameters> read(String xmp) {
        Document doc = parse(xmp);
        if (doc == null) {
            return Optional.empty();
        }
        Optional<RecalledParameters> fromJson = fromUserComment(property(doc, EXIF, "UserComment"));
        if (fromJson.isPresent()) {
            return fromJson;
        }
        String tool = property(doc, XMP, "CreatorTool");
        if (tool == null || !tool.contains(SOURCE)) {
            return Optional.empty();
        }
        return fromDescription(property(doc, DC, "description"));
    }

    private static Optional<RecalledParameters> fromUserComment(String comment) {
        JsonNode n = comment == null ? null : Json.parseOrNull(comment);
        String prompt = n == null ? null : RecallValues.text(n.get("c"));
        if (prompt == null) {
            return Optional.empty();
        }
        RecallValues.Size size = RecallValues.size(RecallValues.text(n.get("size")));
        return Optional.of(new RecalledParameters(SOURCE, prompt, RecallValues.toLong(n.get("seed")),
                RecallValues.toInt(n.get("steps")), RecallValues.toDouble(n.get("scale")), size.width(),
                size.height()));
    }

    private static Optional<RecalledParameters> fromDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Infotext.Parsed p = Infotext.parse(description);
        // Draw Things marks the negative prompt with a leading "-" rather than "Negative prompt:".
        List<String> promptLines = new ArrayList<>();
        for (String line : p.prompt().split("\n", -1)) {
            if (!promptLines.isEmpty() && line.startsWith("-")) {
                break;
            }
            promptLines.add(line);
        }
        RecallValues.Size size = RecallValues.size(p.params().get("Size"));
        return Optional.of(new RecalledParameters(SOURCE, String.join("\n", promptLines),
                RecallValues.parseLong(p.params().get("Seed")), RecallValues.parseInt(p.params().get("Steps")),
                RecallValues.parseDouble(p.params().get("Guidance Scale")), size.width(), size.height()));
    }

    /**
     * An XMP property written as an element, whose value may sit in a language alternative (rdf:Alt/rdf:li; the
     * first, x-default, is taken), or as an attribute of rdf:Description.
     */
    private static String property(Document doc, String namespace, String name) {
        NodeList elements = doc.getElementsByTagNameNS(namespace, name);
        if (elements.getLength() > 0) {
            Element property = (Element) elements.item(0);
            NodeList items = property.getElementsByTagNameNS(RDF, "li");
            return (items.getLength() > 0 ? items.item(0) : property).getTextContent().strip();
        }
        NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
        for (int i = 0; i < descriptions.getLength(); i++) {
            Element d = (Element) descriptions.item(i);
            if (d.hasAttributeNS(namespace, name)) {
                return d.getAttributeNS(namespace, name).strip();
            }
        }
        return null;
    }

    /** Null for anything that is not well-formed XML. DTDs are refused outright: no entity tricks from a file. */
    private static Document parse(String xmp) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // the default one prints malformed input to stderr
            return b.parse(new InputSource(new StringReader(xmp)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }
}
