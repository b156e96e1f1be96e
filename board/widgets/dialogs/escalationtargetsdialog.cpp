// SPDX-License-Identifier: GPL-3.0-or-later
#include "escalationtargetsdialog.h"

#include <board/actions/boardactions.h>
#include <board/rules/escalation.h>
#include <board/widgets/common/theme.h>
#include <storage/boardstore.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hb::board {

EscalationTargetsDialog::EscalationTargetsDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("escalationTargetsDialog"));
    setWindowTitle(tr("Escalation Targets"));
    auto *layout = new QVBoxLayout(this);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("escalationTargetsNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    layout->addWidget(m_note);

    auto *split = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("escalationTargetsList"));
    m_list->setAccessibleName(tr("Escalation targets"));
    connect(m_list, &QListWidget::currentRowChanged, this, &EscalationTargetsDialog::showSelected);
    split->addWidget(m_list, 2);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("targetName"));
    m_name->setMaxLength(int(storage::BoardStore::s_maxEscalationNameLength) + 1);
    m_name->setPlaceholderText(tr("e.g. Network team, Dell ProSupport"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("targetKind"));
    m_kind->addItem(tr("Second line (the team's own)"), int(storage::EscalationKind::SecondLine));
    m_kind->addItem(tr("Vendor (tickets then wait on them)"), int(storage::EscalationKind::Vendor));
    m_contact = new QLineEdit(this);
    m_contact->setObjectName(QStringLiteral("targetContact"));
    m_contact->setPlaceholderText(tr("Phone, e-mail, portal, contract number"));
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("targetNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setPlaceholderText(tr("What they handle, hours, what to have ready"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Contact:"), m_contact);
    form->addRow(tr("N&otes:"), m_notes);
    auto *formButtons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New"), this);
    m_new->setObjectName(QStringLiteral("newTarget"));
    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(QStringLiteral("saveTarget"));
    m_save->setDefault(true);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeTarget"));
    connect(m_new, &QPushButton::clicked, this, &EscalationTargetsDialog::startNew);
    connect(m_save, &QPushButton::clicked, this, &EscalationTargetsDialog::save);
    connect(m_remove, &QPushButton::clicked, this, &EscalationTargetsDialog::removeSelected);
    // (Return in a field presses Save, the dialog's default button)
    formButtons->addWidget(m_new);
    formButtons->addStretch(1);
    formButtons->addWidget(m_remove);
    formButtons->addWidget(m_save);
    form->addRow(formButtons);
    split->addLayout(form, 3);
    layout->addLayout(split, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("escalationTargetsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, theme::onBase(theme::Mark::Danger, palette));
    m_error->setPalette(palette);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 360);
    reload();
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        startNew();
}

EscalationTargetsDialog::~EscalationTargetsDialog() = default;

bool EscalationTargetsDialog::canManage() const
{
    return m_actions && m_store.role() == storage::Role::Admin;
}

void EscalationTargetsDialog::reload()
{
    auto targets = m_store.escalationTargets();
    if (!targets) {
        say(tr("The list could not be read: %1").arg(targets.error().message));
        return;
    }
    m_targets = *targets;
    const qint64 keep = m_shownId;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int current = -1;
    for (const storage::EscalationTarget &target : std::as_const(m_targets)) {
        m_list->addItem(escalation::targetText(target.name, target.kind));
        if (target.id == keep)
            current = m_list->count() - 1;
    }
    m_note->setText(canManage() ? tr("Whom tickets are escalated to. A vendor's ticket waits on the vendor, which "
                                     "pauses its resolution clock.")
                                : tr("Whom tickets are escalated to. Only an admin changes this list."));
    if (current >= 0) {
        m_list->setCurrentRow(current);
        showSelected();
    } else if (keep) { // removed meanwhile: nothing shown
        startNew();
    }
    updateControls();
}

void EscalationTargetsDialog::showSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_targets.size())
        return;
    const storage::EscalationTarget &target = m_targets.at(row);
    m_shownId = target.id;
    m_name->setText(target.name);
    m_kind->setCurrentIndex(m_kind->findData(int(target.kind)));
    m_contact->setText(target.contact);
    m_notes->setPlainText(target.notes);
    m_error->hide();
    updateControls();
}

void EscalationTargetsDialog::startNew()
{
    m_shownId = 0;
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(-1);
        m_list->clearSelection();
    }
    m_name->clear();
    m_kind->setCurrentIndex(0);
    m_contact->clear();
    m_notes->clear();
    m_error->hide();
    m_name->setFocus();
    updateControls();
}

void EscalationTargetsDialog::say(const QString &message, QWidget *focus)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (focus)
        focus->setFocus();
}

void EscalationTargetsDialog::save()
{
    if (!canManage())
        return;
    storage::EscalationTarget target;
    const auto found = std::find_if(m_targets.cbegin(), m_targets.cend(),
                                    [this](const storage::EscalationTarget &each) { return each.id == m_shownId; });
    if (found != m_targets.cend())
        target = *found;
    target.name = m_name->text().trimmed();
    target.kind = storage::EscalationKind(m_kind->currentData().toInt());
    target.contact = m_contact->text().trimmed();
    target.notes = m_notes->toPlainText().trimmed();
    // Said at once, with the focus on the field; the store checks again (and the name against the others).
    if (target.name.isEmpty() || target.name.size() > storage::BoardStore::s_maxEscalationNameLength) {
        say(tr("A name has 1 to %1 characters.").arg(storage::BoardStore::s_maxEscalationNameLength), m_name);
        return;
    }
    if (target.contact.size() > storage::BoardStore::s_maxEscalationContactLength) {
        say(tr("The contact has at most %1 characters.").arg(storage::BoardStore::s_maxEscalationContactLength),
            m_contact);
        return;
    }
    if (target.notes.size() > storage::BoardStore::s_maxEscalationNoteLength) {
        say(tr("The notes have at most %1 characters.").arg(storage::BoardStore::s_maxEscalationNoteLength), m_notes);
        return;
    }
    const bool isNew = found == m_targets.cend();
    const qint64 version = isNew ? -1 : found->version;
    auto newId = std::make_shared<qint64>(0);
    m_actions->save(
            {},
            [target, isNew, version, newId](storage::BoardStore &store) {
                if (!isNew)
                    return Saved(store.updateEscalationTarget(target, version));
                auto made = store.createEscalationTarget(target);
                if (made)
                    *newId = *made;
                return Saved(made ? storage::Status() : storage::Status(made.error()));
            },
            [this, newId](const Saved &saved) {
                if (saved.status) {
                    if (*newId)
                        m_shownId = *newId;
                    say({});
                } else {
                    say(saved.status.error().kind == storage::ErrorKind::Conflict
                                ? tr("Someone else changed this target meanwhile; it shows what they saved.")
                                : saved.status.error().message,
                        m_name);
                }
                reload();
                Q_EMIT saveFinished(bool(saved.status));
            });
}

void EscalationTargetsDialog::removeSelected()
{
    if (!canManage() || !m_shownId)
        return;
    const qint64 id = m_shownId;
    m_actions->save(
            {}, [id](storage::BoardStore &store) { return Saved(store.deleteEscalationTarget(id)); },
            [this](const Saved &saved) {
                if (saved.status)
                    startNew();
                else
                    say(saved.status.error().message);
                reload();
                Q_EMIT saveFinished(bool(saved.status));
            });
}

void EscalationTargetsDialog::updateControls()
{
    const bool manage = canManage();
    for (QLineEdit *edit : {m_name, m_contact})
        edit->setReadOnly(!manage);
    m_notes->setReadOnly(!manage);
    m_kind->setEnabled(manage);
    m_new->setEnabled(manage);
    m_save->setEnabled(manage);
    m_save->setText(m_shownId ? tr("&Save") : tr("&Add"));
    m_remove->setEnabled(manage && m_shownId != 0);
}

} // namespace hb::board
