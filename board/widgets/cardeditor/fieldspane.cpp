// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldspane.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/labelmodel.h>
#include <board/rules/cardfields.h>
#include <board/rules/escalation.h>
#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/chips.h>
#include <board/widgets/common/labelbutton.h>
#include <board/widgets/common/menutext.h>
#include <board/widgets/dialogs/labelsdialog.h>
#include <storage/boardstore.h>

#include <QActionGroup>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <type_traits>
#include <utility>

namespace hb::board {

using namespace editorparts;

namespace {

QComboBox *choice(const QString &name, QWidget *parent, const QList<std::pair<QString, int>> &items)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    for (const auto &[text, value] : items)
        box->addItem(text, value);
    return box;
}

// A new due date: tomorrow at five in the afternoon, local time.
QDateTime defaultDue()
{
    return QDateTime(QDate::currentDate().addDays(1), QTime(17, 0));
}

} // namespace

FieldsPane::FieldsPane(BoardModel &model, SaveCard save, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_save(std::move(save))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    using storage::Channel;
    using storage::Priority;
    using storage::StatusTag;
    QList<std::pair<QString, int>> priorities;
    for (const Priority priority : s_priorityOrder)
        priorities.append({priorityText(priority), int(priority)});
    m_priority = choice(QStringLiteral("priorityBox"), this, priorities);
    fields->addRow(tr("&Priority"), m_priority);
    QList<std::pair<QString, int>> statuses;
    for (const StatusTag status : s_statusOrder)
        statuses.append({statusText(status), int(status)});
    m_status = choice(QStringLiteral("statusBox"), this, statuses);
    fields->addRow(tr("&Status"), m_status);
    m_assignee = new QComboBox(this);
    m_assignee->setObjectName(QStringLiteral("assigneeBox"));
    fields->addRow(tr("&Assignee"), m_assignee);
    auto *dueRow = new QHBoxLayout;
    m_hasDue = new QCheckBox(this);
    m_hasDue->setObjectName(QStringLiteral("hasDue"));
    m_hasDue->setAccessibleName(tr("Has a due date"));
    m_hasDue->setToolTip(tr("Has a due date"));
    m_due = new QDateTimeEdit(this);
    m_due->setObjectName(QStringLiteral("dueEdit"));
    m_due->setCalendarPopup(true);
    m_due->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + QStringLiteral("  HH:mm"));
    // A card without a due date shows its earliest value, which reads as this rather than as a date.
    m_due->setSpecialValueText(tr("No due date"));
    dueRow->addWidget(m_hasDue);
    dueRow->addWidget(m_due, 1);
    auto *dueLabel = new QLabel(tr("&Due"), this);
    dueLabel->setBuddy(m_hasDue);
    fields->addRow(dueLabel, dueRow);
    m_requester = new QLineEdit(this);
    m_requester->setObjectName(QStringLiteral("requesterEdit"));
    const CharacterLimit *requesterLimit = CharacterLimit::apply(m_requester, storage::BoardStore::s_maxTitleLength);
    m_requester->setAccessibleName(tr("Requester"));
    m_requester->setPlaceholderText(tr("Who asked for it"));
    fields->addRow(tr("&Requester"), m_requester);
    m_channel = choice(QStringLiteral("channelBox"), this,
                       {{channelText(Channel::None), int(Channel::None)},
                        {channelText(Channel::Email), int(Channel::Email)},
                        {channelText(Channel::Phone), int(Channel::Phone)},
                        {channelText(Channel::Chat), int(Channel::Chat)},
                        {channelText(Channel::WalkIn), int(Channel::WalkIn)},
                        {channelText(Channel::Portal), int(Channel::Portal)},
                        {channelText(Channel::Monitoring), int(Channel::Monitoring)}});
    fields->addRow(tr("C&hannel"), m_channel);
    // Offered once the ticket is resolved: whoever resolved it knows whether it took one contact.
    m_firstContact = new QCheckBox(tr("Resolved at first c&ontact"), this);
    m_firstContact->setObjectName(QStringLiteral("firstContactBox"));
    m_firstContact->setToolTip(tr("Solved while the requester was still on the phone, in the chat or at the desk, "
                                  "with no hand-over or call back. Without the tick, the metrics judge by the "
                                  "channel and the ticket's history (Definitions, in the dashboard)"));
    fields->addRow(QString(), m_firstContact);
    m_labels = new LabelButton(this);
    m_labels->setObjectName(QStringLiteral("labelsButton"));
    auto *labelMenu = new QMenu(m_labels);
    labelMenu->setObjectName(QStringLiteral("labelsMenu"));
    connect(labelMenu, &QMenu::aboutToShow, this, &FieldsPane::fillLabelMenu);
    labelMenu->installEventFilter(this); // it stays open while labels are ticked, for several at once
    m_labels->setMenu(labelMenu);
    fields->addRow(tr("&Labels"), m_labels);
    connect(&m_model, &BoardModel::labelsChanged, this, &FieldsPane::showLabels);
    // Escalation: to whom, the vendor's case number, and their answers.
    // A button with a menu, not a box: each pick hands the ticket over (a status, a stored escalation, a line of
    // history), so arrowing through the choices must not make one at each step.
    m_escalation = new QPushButton(this);
    m_escalation->setObjectName(QStringLiteral("escalationButton"));
    m_escalation->setAccessibleName(tr("Escalated"));
    auto *escalationMenu = new QMenu(m_escalation);
    escalationMenu->setObjectName(QStringLiteral("escalationMenu"));
    connect(escalationMenu, &QMenu::aboutToShow, this, &FieldsPane::fillEscalationMenu);
    m_escalation->setMenu(escalationMenu);
    fields->addRow(tr("&Escalated"), m_escalation);
    m_reference = new QLineEdit(this);
    m_reference->setObjectName(QStringLiteral("escalationReference"));
    m_reference->setAccessibleName(tr("Case number"));
    m_reference->setPlaceholderText(tr("Their case number"));
    CharacterLimit::apply(m_reference, storage::BoardStore::s_maxEscalationReferenceLength);
    m_acknowledged = new QCheckBox(tr("Ac&knowledged by them"), this);
    m_acknowledged->setObjectName(QStringLiteral("escalationAcknowledged"));
    m_acknowledged->setToolTip(tr("They have acknowledged the ticket"));
    m_vendorResolved = new QCheckBox(tr("Resol&ved by them"), this);
    m_vendorResolved->setObjectName(QStringLiteral("escalationResolved"));
    m_vendorResolved->setToolTip(tr("They have resolved it: the ticket is the team's again, to check and close"));
    fields->addRow(tr("Cas&e"), m_reference);
    fields->addRow(QString(), m_acknowledged);
    fields->addRow(QString(), m_vendorResolved);
    layout->addLayout(fields);
    m_notice = noticeLabel(QStringLiteral("fieldsNotice"), this);
    layout->addWidget(m_notice);
    // A line at its limit (a long paste is cut by the field itself): say so, rather than cut in silence.
    connect(requesterLimit, &CharacterLimit::truncated, this,
            [this, requesterLimit] { sayCut(m_requester->accessibleName(), requesterLimit->maximum()); });

    // Saving: each field on its own, when it is done with
    const auto onChoice = [this](QComboBox *box, auto field, const QString &text) {
        connect(box, &QComboBox::activated, this, [this, box, field, text] {
            storage::CardPatch patch;
            patch.*field = static_cast<typename std::remove_reference_t<decltype(*(patch.*field))>>(
                    box->currentData().toInt());
            m_save(patch, text, {});
        });
    };
    onChoice(m_priority, &storage::CardPatch::priority, tr("Change Priority"));
    onChoice(m_status, &storage::CardPatch::status, tr("Change Status"));
    onChoice(m_channel, &storage::CardPatch::channel, tr("Change Channel"));
    connect(m_assignee, &QComboBox::activated, this, [this] {
        storage::CardPatch patch;
        patch.assignee = m_assignee->currentData().toString();
        m_save(patch, tr("Assign Card"), {});
    });
    connect(m_requester, &QLineEdit::editingFinished, this, &FieldsPane::commit);
    connect(m_reference, &QLineEdit::editingFinished, this, &FieldsPane::saveReference);
    connect(m_acknowledged, &QCheckBox::clicked, this, [this](bool on) {
        if (const storage::Card *shown = card(); shown && shown->escalation.isEscalated())
            m_save(escalation::acknowledged(*shown, on), tr("Acknowledged by Them"), {});
    });
    connect(m_vendorResolved, &QCheckBox::clicked, this, [this](bool on) {
        if (const storage::Card *shown = card(); shown && shown->escalation.isEscalated())
            m_save(escalation::vendorResolved(*shown, on), tr("Resolved by Them"), {});
    });
    connect(m_firstContact, &QCheckBox::clicked, this, [this](bool on) {
        storage::CardPatch patch;
        patch.firstContact = on;
        m_save(patch, on ? tr("Mark Resolved at First Contact") : tr("Unmark Resolved at First Contact"), {});
    });
    connect(m_hasDue, &QCheckBox::clicked, this, [this](bool due) {
        if (due)
            m_due->setDateTime(defaultDue());
        saveDue();
    });
    connect(m_due, &QDateTimeEdit::editingFinished, this, &FieldsPane::saveDue);
    // A day picked in the calendar is a finished edit too; the edit takes the date first.
    connect(m_due->calendarWidget(), &QCalendarWidget::clicked, this,
            [this] { QTimer::singleShot(0, this, &FieldsPane::saveDue); });
    // The board read again brings the members as they are now (one added, renamed, made a viewer), and the
    // escalation targets.
    connect(&m_model, &QAbstractItemModel::modelReset, this, &FieldsPane::loadMembers);
}

FieldsPane::~FieldsPane() = default;

void FieldsPane::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    delete m_labelsDialog; // it works on the board shown before
    m_store = store;
    m_actions = actions;
    m_cardId = 0;
    loadMembers();
}

void FieldsPane::fillEscalationMenu()
{
    // The targets as the board read them last, the card as it is now (a colleague's change may have come in).
    QMenu *menu = m_escalation->menu();
    menu->clear();
    const storage::Card *shown = card();
    const qint64 current = shown ? shown->escalation.targetId : 0;
    auto *group = new QActionGroup(menu);
    const auto add = [&](const QString &text, const QString &name, bool checked, auto pick) {
        QAction *action = menu->addAction(text, this, pick);
        action->setObjectName(name);
        action->setCheckable(true);
        action->setChecked(checked);
        group->addAction(action);
    };
    add(tr("Not escalated"), QStringLiteral("escalationNone"), current == 0, [this] {
        if (const storage::Card *now = card(); now && now->escalation.isEscalated())
            m_save(escalation::takeBack(*now), tr("Take Back Escalation"), {});
    });
    menu->addSeparator();
    for (const storage::EscalationTarget &target : m_model.escalationTargets()) {
        add(menuText(escalation::targetText(target.name, target.kind)),
            QStringLiteral("escalationTo-%1").arg(target.id), current == target.id, [this, target] {
                if (const storage::Card *now = card(); now && now->escalation.targetId != target.id)
                    m_save(escalation::escalate(*now, target), tr("Escalate to %1").arg(menuText(target.name)), {});
            });
    }
}

void FieldsPane::showEscalation(const storage::Card &shown, bool editable)
{
    const storage::Escalation &open = shown.escalation;
    m_escalation->setText(open.isEscalated() ? menuText(escalation::targetText(open.targetName, open.targetKind))
                                             : tr("Not escalated"));
    m_escalation->setEnabled(editable);
    // Plain text (a member's name is people's text); said once saved (an escalation just made has no time yet).
    m_escalation->setToolTip(
            open.isEscalated() && open.at ? Qt::convertFromPlainText(
                    tr("Escalated by %1, %2")
                            .arg(m_model.memberName(open.by),
                                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(open.at), QLocale::ShortFormat)))
                                          : QString());
    if (!m_reference->isModified())
        m_reference->setText(open.reference);
    m_reference->setReadOnly(!editable || !open.isEscalated());
    m_reference->setEnabled(open.isEscalated());
    m_acknowledged->setChecked(open.acknowledgedAt != 0);
    m_vendorResolved->setChecked(open.resolvedAt != 0);
    m_acknowledged->setEnabled(editable && open.isEscalated());
    m_vendorResolved->setEnabled(editable && open.isEscalated());
}

void FieldsPane::saveReference()
{
    if (!m_reference->isModified())
        return;
    m_reference->setModified(false);
    const storage::Card *shown = card();
    if (!shown || !shown->escalation.isEscalated() || shown->escalation.reference == m_reference->text().trimmed())
        return;
    m_save(escalation::reference(*shown, m_reference->text()), tr("Set Case Number"), {});
}

const storage::Card *FieldsPane::card() const
{
    return m_model.cardAt(m_model.cardIndex(m_cardId));
}

void FieldsPane::loadMembers()
{
    m_assignee->clear();
    m_assignee->addItem(tr("Unassigned"), QString());
    if (!m_store)
        return;
    // As the board last read them (read again with it, and again a moment later when the file was busy).
    for (const storage::Member &member : m_model.members()) {
        if (member.role != storage::Role::Viewer)
            m_assignee->addItem(member.displayName.isEmpty() ? member.login : member.displayName, member.login);
    }
}

void FieldsPane::showCard(qint64 cardId)
{
    m_cardId = cardId;
    m_requester->setModified(false);
    m_reference->setModified(false);
    m_notice->hide();
}

void FieldsPane::refresh(bool editable)
{
    const storage::Card *shown = card();
    editable = editable && shown;
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_priority, m_status, m_assignee, m_hasDue, m_channel, m_labels})
        field->setEnabled(editable);
    m_requester->setReadOnly(!editable);
    if (!shown) {
        m_due->setEnabled(false);
        for (QWidget *field :
             std::initializer_list<QWidget *>{m_escalation, m_acknowledged, m_vendorResolved, m_firstContact})
            field->setEnabled(false);
        m_reference->setReadOnly(true);
        return;
    }
    // (shown on a resolved ticket, or one that keeps the tick from before it was reopened)
    m_firstContact->setChecked(shown->firstContact);
    m_firstContact->setVisible(shown->resolvedAt != 0 || shown->firstContact);
    m_firstContact->setEnabled(editable);
    // A requester typed and not saved yet stays; what it showed when typing began is what the typing changes.
    if (!m_requester->isModified()) {
        if (m_requester->text() != shown->requester)
            m_requester->setText(shown->requester);
        m_typedFrom.requester = shown->requester;
    }
    m_priority->setCurrentIndex(m_priority->findData(int(shown->priority)));
    m_status->setCurrentIndex(m_status->findData(int(shown->status)));
    m_channel->setCurrentIndex(m_channel->findData(int(shown->channel)));
    int assignee = m_assignee->findData(shown->assignee);
    if (assignee < 0) { // someone who is not a member (any more)
        m_assignee->addItem(shown->assignee, shown->assignee);
        assignee = m_assignee->count() - 1;
    }
    m_assignee->setCurrentIndex(assignee);
    m_hasDue->setChecked(shown->dueAt != 0);
    m_due->setEnabled(editable && shown->dueAt != 0);
    showEscalation(*shown, editable);
    if (!m_due->hasFocus())
        m_due->setDateTime(shown->dueAt ? QDateTime::fromMSecsSinceEpoch(shown->dueAt) : m_due->minimumDateTime());
    showLabels();
}

void FieldsPane::commit()
{
    saveReference();
    if (!m_requester->isModified())
        return;
    m_requester->setModified(false);
    saveTyped(m_save, &storage::CardPatch::requester, m_requester->text().trimmed(), m_typedFrom,
              tr("Change Requester"));
}

void FieldsPane::sayCut(const QString &fieldName, qsizetype maximum)
{
    m_notice->setText(tr("%1 has at most %2 characters; the rest was left out.").arg(fieldName).arg(maximum));
    m_notice->show();
}

void FieldsPane::saveDue()
{
    storage::CardPatch patch;
    patch.dueAt = m_hasDue->isChecked() ? m_due->dateTime().toMSecsSinceEpoch() : 0;
    m_save(patch, m_hasDue->isChecked() ? tr("Set Due Date") : tr("Clear Due Date"), {});
}

bool FieldsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_labels->menu()
        && (event->type() == QEvent::MouseButtonRelease
            || (event->type() == QEvent::KeyPress
                && (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space
                    || static_cast<QKeyEvent *>(event)->key() == Qt::Key_Return)))) {
        // A label ticked or unticked: the menu stays, so several are picked in one go (Esc or a click outside
        // closes it). Its other entries (New Label, Manage Labels) close it as usual.
        QAction *action = m_labels->menu()->activeAction();
        if (action && action->isCheckable() && action->isEnabled()) {
            action->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FieldsPane::showLabels()
{
    const storage::Card *shown = card();
    QList<std::pair<QString, QColor>> labels;
    for (const storage::Label &label : m_model.labels()) {
        if (shown && shown->labelIds.contains(label.id))
            labels.append({label.name, QColor(label.color)});
    }
    m_labels->setLabels(labels);
}

void FieldsPane::fillLabelMenu()
{
    QMenu *menu = m_labels->menu();
    menu->clear();
    const storage::Card *shown = card();
    if (!shown || !m_actions)
        return;
    for (const storage::Label &label : m_model.labels()) {
        QAction *action = menu->addAction(chips::swatch(QColor(label.color)), menuText(label.name));
        action->setCheckable(true);
        action->setChecked(shown->labelIds.contains(label.id));
        const qint64 id = label.id;
        connect(action, &QAction::toggled, this, [this, id](bool on) {
            if (m_actions)
                m_actions->setCardLabel(m_cardId, id, on);
        });
    }
    menu->addSeparator();
    menu->addAction(tr("New Label…"), this, &FieldsPane::newLabel)->setObjectName(QStringLiteral("newLabel"));
    menu->addAction(tr("Manage Labels…"), this, &FieldsPane::manageLabels)
            ->setObjectName(QStringLiteral("manageLabels"));
}

void FieldsPane::newLabel()
{
    // Not modal for long: the board goes on while the name is typed.
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("newLabelDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New label"));
    dialog->setLabelText(tr("Name of the new label (it goes on this card):"));
    const qint64 cardId = m_cardId;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, cardId](const QString &name) {
        if (!m_actions || name.trimmed().isEmpty())
            return;
        QStringList taken;
        for (const storage::Label &label : m_model.labels())
            taken << label.color;
        m_actions->createLabel(name, LabelModel::suggestedColor(name, taken), [this, cardId](qint64 id) {
            if (id && m_actions)
                m_actions->setCardLabel(cardId, id, true);
        });
    });
    dialog->open();
    // QInputDialog makes its line edit when shown.
    if (auto *line = dialog->findChild<QLineEdit *>())
        CharacterLimit::apply(line, storage::BoardStore::s_maxLabelNameLength);
}

void FieldsPane::manageLabels()
{
    if (!m_actions)
        return;
    if (!m_labelsDialog)
        m_labelsDialog = new LabelsDialog(*m_actions, this);
    m_labelsDialog->show();
    m_labelsDialog->raise();
    m_labelsDialog->activateWindow();
}

} // namespace hb::board
