package org.vrrpstudio.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;

/**
 * Drives real SWT dialogs the way a user does, by what they show: the field next to a label, the button with a
 * caption. Events go through the widgets' own listeners ({@code notifyListeners}), so the dialogs' code runs as
 * it does for a click. SWTBot is not available from Maven Central; this is the small part of it the tests need.
 */
public final class UiDriver {

    private UiDriver() {
    }

    /** Runs {@code step} on the UI thread and rethrows what it threw. */
    public static <T> T ui(Callable<T> step) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(step.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Throwable t) {
            throw t instanceof AssertionError a ? a : new AssertionError(t);
        }
        return result.get();
    }

    /** Lets the UI thread paint and run queued work for {@code millis}. */
    public static void settle(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            ui(() -> {
                Display display = Display.getCurrent();
                while (display.readAndDispatch()) {
                    // drain
                }
                return null;
            });
            Thread.sleep(50);
        }
    }

    /** Every control under {@code root}, depth first. */
    /** The active workbench page. */
    public static org.eclipse.ui.IWorkbenchPage page() {
        return org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Waits (dispatching UI events) until the condition holds on the UI thread, at most {@code seconds}. */
    public static void await(int seconds, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (ui(condition::getAsBoolean)) {
                return;
            }
            settle(200);
        }
        throw new AssertionError("not within " + seconds + " s: " + what);
    }

    public static List<Control> controls(Composite root) {
        List<Control> all = new ArrayList<>();
        for (Control child : root.getChildren()) {
            all.add(child);
            if (child instanceof Composite composite) {
                all.addAll(controls(composite));
            }
        }
        return all;
    }

    /** The control laid out right after the label whose text starts with {@code label} (a form row). */
    public static <C extends Control> C field(Shell shell, String label, Class<C> type) {
        for (Control control : controls(shell)) {
            if (control instanceof Label l && l.getText().startsWith(label) && l.isVisible()) {
                Control[] siblings = l.getParent().getChildren();
                for (int i = 0; i < siblings.length - 1; i++) {
                    if (siblings[i] == l && type.isInstance(siblings[i + 1])) {
                        return type.cast(siblings[i + 1]);
                    }
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " after a label '" + label + "' in " + shell.getText());
    }

    /** Types into a text field: the text changes (Modify) and Enter is pressed (DefaultSelection). */
    public static void type(Text text, String value) {
        text.setFocus();
        text.setText(value);
        text.notifyListeners(SWT.DefaultSelection, new Event());
    }

    public static void choose(Combo combo, String item) {
        int index = List.of(combo.getItems()).indexOf(item);
        if (index < 0) {
            throw new AssertionError("'" + item + "' is not one of " + List.of(combo.getItems()));
        }
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /** The enabled-or-not button with this caption (mnemonic ampersands ignored). */
    public static Button button(Shell shell, String caption) {
        return controls(shell).stream().filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getText().replace("&", "").equals(caption)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + caption + "' in " + shell.getText()));
    }

    /** Clicks an enabled button. */
    public static void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("button '" + button.getText() + "' is disabled");
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    public static Optional<Shell> shell(Predicate<Shell> which) {
        return List.of(Display.getCurrent().getShells()).stream().filter(s -> !s.isDisposed() && s.isVisible())
                .filter(which).findFirst();
    }

    /**
     * For a dialog the next step opens modally (its event loop blocks the step): once a shell titled
     * {@code title} shows, {@code handle} runs on it (look, screenshot, press a button). Must be called on the UI
     * thread before the step.
     */
    public static void whenShellOpens(String title, Consumer<Shell> handle) {
        Display display = Display.getCurrent();
        Runnable[] poll = new Runnable[1];
        long deadline = System.currentTimeMillis() + 20_000;
        poll[0] = () -> {
            Optional<Shell> shell = shell(s -> title.equals(s.getText()) && s.getShell().getParent() != null);
            if (shell.isPresent()) {
                handle.accept(shell.get());
            } else if (System.currentTimeMillis() < deadline) {
                display.timerExec(100, poll[0]);
            }
        };
        display.timerExec(100, poll[0]);
    }

    /** What a shell shows as text (labels, read-only texts), one line each: for asserting on message boxes. */
    public static String allText(Shell shell) {
        StringBuilder text = new StringBuilder();
        for (Control control : controls(shell)) {
            if (control instanceof Label label && !label.getText().isEmpty()) {
                text.append(label.getText()).append('\n');
            } else if (control instanceof Text field && !field.getText().isEmpty()) {
                text.append(field.getText()).append('\n');
            }
        }
        return text.toString();
    }

    /** The control a dialog tagged with {@code setData(key, name)} (for rows of like fields). */
    public static <C extends Control> C named(Shell shell, String key, String name, Class<C> type) {
        return controls(shell).stream().filter(c -> name.equals(c.getData(key))).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named '" + name + "' in "
                        + shell.getText()));
    }
}
