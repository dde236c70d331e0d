package org.vrrpstudio.ui.internal;

import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.vrrpstudio.ui.logic.FieldParsers;

/** Defaults for new instances. Secrets are not preferences: they live in secure storage per cluster. */
public final class ConsolePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ConsolePreferencePage() {
        super(GRID);
        setDescription("Defaults for new VRRP instance pairs.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, ConsolePlugin.ID));
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(ConsolePreferences.ADVERT_INTERVAL, "Advert interval (s):", getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String value = getStringValue();
                if (value.isBlank()) {
                    setErrorMessage("the advert interval is required");
                    return false;
                }
                if (FieldParsers.advertInterval(value) instanceof FieldParsers.Parsed.Invalid<?> invalid) {
                    setErrorMessage(invalid.message());
                    return false;
                }
                return true;
            }
        });
        IntegerFieldEditor master = new IntegerFieldEditor(ConsolePreferences.MASTER_PRIORITY, "MASTER priority:",
                getFieldEditorParent());
        master.setValidRange(2, 254);
        addField(master);
        IntegerFieldEditor backup = new IntegerFieldEditor(ConsolePreferences.BACKUP_PRIORITY, "BACKUP priority:",
                getFieldEditorParent());
        backup.setValidRange(1, 253);
        addField(backup);
        addField(new ComboFieldEditor(ConsolePreferences.AUTH_TYPE, "Authentication:",
                new String[][] {{"AH (IPsec-AH, VRRPv2)", "AH"}, {"PASS (clear text)", "PASS"}, {"none", "NONE"}},
                getFieldEditorParent()));
    }

}
