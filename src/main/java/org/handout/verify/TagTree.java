package org.handout.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;

/**
 * A PDF's tag tree as a screen reader walks it: elements depth first, each with its structure
 * type, the standard type it is role-mapped to, its attributes that matter to a reader (a table
 * header's scope, a language), and the text of the marked content it holds directly.
 */
public final class TagTree {
    private TagTree() {
    }

    /** One element: its depth (the Document is 0), type, standard type, scope, language and own text. */
    public record Node(int depth, String type, String standard, String scope, String lang, String text) {
        /** An indented line: {@code   TH[Column] "Stage"}. */
        public String line() {
            StringBuilder b = new StringBuilder("  ".repeat(depth)).append(type);
            if (!standard.equals(type)) {
                b.append(" (").append(standard).append(')');
            }
            if (!scope.isEmpty()) {
                b.append('[').append(scope).append(']');
            }
            if (!lang.isEmpty()) {
                b.append(" lang=").append(lang);
            }
            if (!text.isEmpty()) {
                b.append(" \"").append(text.strip()).append('"');
            }
            return b.toString();
        }
    }

    static List<Node> read(PDDocument doc, List<PdfReadBack.PageText> pages) {
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        List<Node> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        Map<COSDictionary, Integer> pageByDict = new IdentityHashMap<>();
        for (int i = 0; i < doc.getNumberOfPages(); i++) {
            pageByDict.put(doc.getPage(i).getCOSObject(), i);
        }
        Map<String, String> roles = new HashMap<>();
        root.getRoleMap().forEach((k, v) -> roles.put(k, String.valueOf(v)));
        for (Object kid : root.getKids()) {
            if (kid instanceof PDStructureElement e) {
                walk(e, 0, -1, pages, pageByDict, roles, out);
            }
        }
        return out;
    }

    private static void walk(PDStructureElement e, int depth, int inheritedPage, List<PdfReadBack.PageText> pages,
                             Map<COSDictionary, Integer> pageByDict, Map<String, String> roles, List<Node> out) {
        int page = e.getPage() == null ? inheritedPage : pageByDict.getOrDefault(e.getPage().getCOSObject(), inheritedPage);
        String type = e.getStructureType();
        String scope = "";
        COSBase a = e.getCOSObject().getDictionaryObject(COSName.A);
        if (a instanceof COSDictionary attributes && attributes.getDictionaryObject(COSName.getPDFName("Scope")) instanceof COSName s) {
            scope = s.getName();
        }
        String lang = e.getLanguage() == null ? "" : e.getLanguage();
        StringBuilder text = new StringBuilder();
        List<PDStructureElement> children = new ArrayList<>();
        for (Object kid : e.getKids()) {
            if (kid instanceof Integer mcid) {
                text.append(textOf(pages, page, mcid));
            } else if (kid instanceof PDMarkedContentReference mcr) {
                int p = mcr.getPage() == null ? page : pageByDict.getOrDefault(mcr.getPage().getCOSObject(), page);
                text.append(textOf(pages, p, mcr.getMCID()));
            } else if (kid instanceof PDStructureElement child) {
                children.add(child);
            }
        }
        out.add(new Node(depth, type, roles.getOrDefault(type, type), scope, lang, text.toString()));
        for (PDStructureElement child : children) {
            walk(child, depth + 1, page, pages, pageByDict, roles, out);
        }
    }

    private static String textOf(List<PdfReadBack.PageText> pages, int page, int mcid) {
        if (page < 0 || page >= pages.size()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (PdfReadBack.Span s : pages.get(page).spans()) {
            if (s.mcid() == mcid && !s.artifact()) {
                b.append(s.text());
            }
        }
        return b.toString();
    }
}
