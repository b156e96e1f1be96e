// SPDX-License-Identifier: GPL-3.0-or-later
#include "templatemenu.h"

#include <board/actions/boardactions.h>
#include <board/widgets/common/menutext.h>
#include <storage/boardstore.h>

#include <QInputDialog>
#include <QMessageBox>
#include <QTextDocument>

namespace hb::board {

TemplateMenu::TemplateMenu(QWidget *parent)
    : QMenu(parent)
{
    setObjectName(QStringLiteral("templateMenu"));
    setToolTipsVisible(true);
    connect(this, &QMenu::aboutToShow, this, &TemplateMenu::fill);
}

TemplateMenu::~TemplateMenu() = default;

void TemplateMenu::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_store = store;
    m_actions = actions;
    m_cardId = 0;
}

void TemplateMenu::setCard(qint64 cardId, std::function<QStringList()> checklist)
{
    m_cardId = cardId;
    m_checklist = std::move(checklist);
}

void TemplateMenu::fill()
{
    clear();
    if (!m_store)
        return;
    auto templates = m_store->checklistTemplates();
    if (!templates) {
        addAction(templates.error().message)->setEnabled(false);
        return;
    }
    const bool editable = m_actions && m_cardId;
    addSection(tr("Add the items of"));
    for (const storage::ChecklistTemplate &each : *templates) {
        QAction *apply = addAction(tr("%1 (%2)").arg(menuText(each.name)).arg(each.items.size()));
        apply->setObjectName(QStringLiteral("applyTemplate"));
        apply->setData(each.id);
        // Escaped: tooltips take rich text when they look like it.
        apply->setToolTip(Qt::convertFromPlainText(QStringLiteral("• ") + each.items.join(QStringLiteral("\n• "))));
        apply->setEnabled(editable);
        const qint64 id = each.id;
        connect(apply, &QAction::triggered, this, [this, id] {
            if (m_actions && m_cardId)
                m_actions->applyChecklistTemplate(m_cardId, id);
        });
    }
    if (templates->isEmpty())
        addAction(tr("No templates yet"))->setEnabled(false);
    addSeparator();
    QAction *saveAs = addAction(tr("Save Checklist as Template…"), this, &TemplateMenu::saveChecklistAs);
    saveAs->setObjectName(QStringLiteral("saveTemplate"));
    saveAs->setEnabled(editable && m_checklist && !m_checklist().isEmpty());
    QMenu *remove = addMenu(tr("Delete Template"));
    remove->setObjectName(QStringLiteral("deleteTemplateMenu"));
    remove->setEnabled(m_actions && !templates->isEmpty());
    for (const storage::ChecklistTemplate &each : *templates) {
        QAction *action = remove->addAction(menuText(each.name));
        const qint64 id = each.id;
        connect(action, &QAction::triggered, this, [this, id] {
            if (m_actions)
                m_actions->deleteChecklistTemplate(id);
        });
    }
}

void TemplateMenu::saveChecklistAs()
{
    if (!m_actions || !m_store || !m_checklist || m_checklist().isEmpty())
        return;
    QStringList names;
    if (auto templates = m_store->checklistTemplates()) {
        for (const storage::ChecklistTemplate &each : *templates)
            names << each.name;
    }
    // Not modal for long: the board goes on while the name is typed. An existing name replaces that template.
    auto *dialog = new QInputDialog(parentWidget());
    dialog->setObjectName(QStringLiteral("saveTemplateDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save checklist as template"));
    dialog->setLabelText(tr("Template name (a new one, or one to replace):"));
    dialog->setComboBoxItems(names);
    dialog->setComboBoxEditable(true);
    dialog->setTextValue(QString());
    const QStringList items = m_checklist();
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, items](const QString &name) { save(name.trimmed(), items); });
    dialog->open();
}

void TemplateMenu::save(const QString &name, const QStringList &items)
{
    if (!m_actions || !m_store || name.isEmpty())
        return;
    // Read again, not taken from the menu: others may have saved templates while the name was being typed.
    std::optional<storage::ChecklistTemplate> existing;
    if (auto templates = m_store->checklistTemplates()) {
        for (const storage::ChecklistTemplate &each : *templates) {
            if (each.name.compare(name, Qt::CaseInsensitive) == 0)
                existing = each;
        }
    }
    if (!existing) {
        m_actions->createChecklistTemplate(name, items);
        return;
    }
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Replace template"),
                                    tr("Replace the %1 items of “%2” with the %3 items of this checklist?")
                                            .arg(existing->items.size())
                                            .arg(existing->name)
                                            .arg(items.size()),
                                    QMessageBox::Yes | QMessageBox::Cancel, parentWidget());
    confirm->setObjectName(QStringLiteral("replaceTemplateDialog"));
    confirm->setTextFormat(Qt::PlainText);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    confirm->setDefaultButton(QMessageBox::Yes);
    const QStringList before = existing->items;
    const qint64 id = existing->id;
    // QMessageBox finishes with the button pressed, not QDialog::Accepted.
    connect(confirm, &QMessageBox::finished, this, [this, id, items, before](int button) {
        if (button == QMessageBox::Yes && m_actions)
            m_actions->replaceChecklistTemplate(id, before, items);
    });
    confirm->open();
}

} // namespace hb::board
