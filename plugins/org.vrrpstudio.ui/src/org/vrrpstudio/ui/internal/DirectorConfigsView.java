package org.vrrpstudio.ui.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.ClusterProblem;
import org.vrrpstudio.ui.logic.HighlightRange;
import org.vrrpstudio.ui.logic.KeepalivedHighlighter;
import org.vrrpstudio.ui.logic.LineDiff;

/**
 * Both directors' generated keepalived.conf side by side, coloured, with the lines that differ between them
 * highlighted and the instances that have problems underlined (a cross-director problem on both sides).
 * Follows the active cluster editor and refreshes after every change.
 */
public final class DirectorConfigsView extends ViewPart implements ClusterDocument.Listener {

    public static final String ID = "org.vrrpstudio.ui.directorConfigs";

    private final KeepalivedHighlighter highlighter = new KeepalivedHighlighter();
    private Side left;
    private Side right;
    private ClusterDocument document;
    private IFile file;

    /** One column: the director's name and its file. */
    record Side(Label title, StyledText text) {
    }

    private final IPartListener2 editorTracker = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ClusterEditor editor) {
                show(editor.file(), editor.document());
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ClusterEditor editor && editor.document() == document) {
                show(null, null);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        left = side(sash);
        right = side(sash);
        getSite().getPage().addPartListener(editorTracker);
        IEditorPart active = getSite().getPage().getActiveEditor();
        if (active instanceof ClusterEditor editor) {
            show(editor.file(), editor.document());
        } else {
            show(null, null);
        }
    }

    private static Side side(Composite parent) {
        Composite column = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 2;
        layout.marginHeight = 2;
        column.setLayout(layout);
        Label title = new Label(column, SWT.NONE);
        title.setFont(JFaceResources.getBannerFont());
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        StyledText text = new StyledText(column, SWT.BORDER | SWT.READ_ONLY | SWT.H_SCROLL | SWT.V_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return new Side(title, text);
    }

    /** Shows the director files of {@code shownDocument} (null: nothing). */
    public void show(IFile shownFile, ClusterDocument shownDocument) {
        if (document != null) {
            document.removeListener(this);
        }
        document = shownDocument;
        file = shownFile;
        if (document != null) {
            document.addListener(this);
        }
        refresh();
    }

    public ClusterDocument document() {
        return document;
    }

    /** The text shown for the director at {@code index} (0 left, 1 right). */
    public String text(int index) {
        return (index == 0 ? left : right).text().getText();
    }

    /** The changed lines of the side at {@code index}: those with the diff background. */
    public BitSet highlightedLines(int index) {
        StyledText text = (index == 0 ? left : right).text();
        BitSet lines = new BitSet();
        for (int line = 0; line < text.getLineCount(); line++) {
            if (text.getLineBackground(line) != null) {
                lines.set(line);
            }
        }
        return lines;
    }

    @Override
    public void documentChanged(ClusterDocument changed) {
        if (left.text().isDisposed()) {
            return;
        }
        if (org.eclipse.swt.widgets.Display.getCurrent() != null) {
            refresh();
        } else {
            left.text().getDisplay().asyncExec(() -> {
                if (!left.text().isDisposed()) {
                    refresh();
                }
            });
        }
    }

    void refresh() {
        List<Director> directors = document == null ? List.of() : document.cluster().getDirectors();
        if (directors.size() < 2) {
            fill(left, directors.isEmpty() ? "(no cluster)" : directors.getFirst().getName(),
                    directors.isEmpty() ? "Open a cluster to see each director's keepalived.conf." : document.directorConfig(directors.getFirst(), true),
                    new BitSet(), List.of());
            fill(right, "", "", new BitSet(), List.of());
            setContentDescription("");
            return;
        }
        Director one = directors.get(0);
        Director two = directors.get(1);
        String first = document.directorConfig(one, true);
        String second = document.directorConfig(two, true);
        LineDiff.Result diff = LineDiff.compare(first, second);
        fill(left, one.getName(), first, diff.leftChanged(), problemsOf(one));
        fill(right, two.getName(), second, diff.rightChanged(), problemsOf(two));
        int changed = diff.leftChanged().cardinality() + diff.rightChanged().cardinality();
        setContentDescription((file == null ? "" : file.getName() + ": ") + changed + " lines differ"
                + ", " + document.problems().size() + " problems");
    }

    private List<ClusterProblem> problemsOf(Director director) {
        return document.problems().stream().filter(p -> p.directors().contains(director.getName())).toList();
    }

    private void fill(Side side, String title, String content, BitSet changed, List<ClusterProblem> problems) {
        StyledText text = side.text();
        side.title().setText(title);
        int top = text.getTopIndex();
        text.setText(content);
        var display = text.getDisplay();
        Color keyword = new Color(0x7f, 0x00, 0x55);
        Color comment = new Color(0x3f, 0x7f, 0x5f);
        Color number = new Color(0x00, 0x00, 0xc0);
        Color string = new Color(0x2a, 0x00, 0xff);
        Color brace = display.getSystemColor(SWT.COLOR_DARK_GRAY);
        List<StyleRange> styles = new ArrayList<>();
        for (HighlightRange range : highlighter.highlight(content)) {
            StyleRange style = new StyleRange(range.offset(), range.length(), switch (range.kind()) {
                case KEYWORD -> keyword;
                case COMMENT -> comment;
                case NUMBER -> number;
                case STRING -> string;
                case BRACE -> brace;
            }, null, range.kind() == org.vrrpstudio.ui.logic.TokenKind.KEYWORD ? SWT.BOLD : SWT.NORMAL);
            styles.add(style);
        }
        text.setStyleRanges(styles.toArray(StyleRange[]::new));
        Color changedBackground = new Color(0xff, 0xf1, 0xc4);
        for (int line = changed.nextSetBit(0); line >= 0 && line < text.getLineCount(); line = changed.nextSetBit(line + 1)) {
            text.setLineBackground(line, 1, changedBackground);
        }
        for (ClusterProblem problem : problems) {
            underlineInstance(text, content, problem);
        }
        text.setTopIndex(top);
    }

    /** Underlines the {@code vrrp_instance NAME} line of the instance the problem is about. */
    private static void underlineInstance(StyledText text, String content, ClusterProblem problem) {
        String name = problem.where().split(" ")[0];
        int at = content.indexOf("vrrp_instance " + name + " {");
        if (at < 0) {
            at = content.indexOf("vrrp_sync_group " + name + " {");
        }
        if (at < 0) {
            return;
        }
        int end = content.indexOf('{', at);
        StyleRange squiggle = new StyleRange();
        squiggle.start = at;
        squiggle.length = end - at;
        squiggle.underline = true;
        squiggle.underlineStyle = SWT.UNDERLINE_SQUIGGLE;
        squiggle.underlineColor = text.getDisplay().getSystemColor(problem.severity() == Severity.ERROR
                ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW);
        squiggle.fontStyle = SWT.BOLD;
        squiggle.foreground = new Color(0x7f, 0x00, 0x55);
        text.replaceStyleRanges(squiggle.start, squiggle.length, new StyleRange[] {squiggle});
    }

    @Override
    public void setFocus() {
        left.text().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(editorTracker);
        if (document != null) {
            document.removeListener(this);
        }
        super.dispose();
    }
}
