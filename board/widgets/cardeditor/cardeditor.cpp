// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardeditor.h"

#include "attachmentspane.h"
#include "checklistpane.h"
#include "commentspane.h"
#include "editorparts.h"
#include "historypane.h"
#include "titleedit.h"

#include <board/actions/boardactions.h>
#include <board/model/attachmentmodel.h>
#include <board/model/boardmodel.h>
#include <board/model/labelmodel.h>
#include <board/rules/attachmentfiles.h>
#include <board/rules/cardfields.h>
#include <board/widgets/common/busyretry.h>
#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/chips.h>
#include <board/widgets/common/labelbutton.h>
#include <board/widgets/common/limitedtextedit.h>
#include <board/widgets/common/menutext.h>
#include <board/widgets/dialogs/labelsdialog.h>
#include <storage/boardstore.h>

#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

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

CardEditor::CardEditor(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("cardEditor"));
    setMinimumWidth(300);
    // A sheet of its own beside the board, like the cards: the base colour of the palette, light or dark.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the fields narrow with the panel
    scroll->setBackgroundRole(QPalette::Base);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    content->setBackgroundRole(QPalette::Base);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 8, 8, 12);

    // Title and close button
    auto *header = new QHBoxLayout;
    m_title = new TitleEdit(content); // wraps: a long title is read whole
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setMaxLength(storage::BoardStore::s_maxTitleLength);
    m_title->setAccessibleName(tr("Title"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setWeight(QFont::Bold);
    m_title->setFont(big);
    header->addWidget(m_title, 1);
    setFocusProxy(m_title);
    auto *closeButton = new QToolButton(content);
    closeButton->setObjectName(QStringLiteral("closeCardEditor"));
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setToolTip(tr("Close (Esc)"));
    closeButton->setAutoRaise(true);
    closeButton->setFocusPolicy(Qt::NoFocus); // Tab goes from the title to the fields; Esc closes
    connect(closeButton, &QToolButton::clicked, this, &CardEditor::dismiss);
    header->addWidget(closeButton, 0, Qt::AlignTop);
    layout->addLayout(header);
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("cardSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_summary);
    m_alsoHere = new QLabel(content);
    m_alsoHere->setObjectName(QStringLiteral("alsoHere"));
    m_alsoHere->setTextFormat(Qt::PlainText);
    m_alsoHere->setWordWrap(true);
    m_alsoHere->hide();
    layout->addWidget(m_alsoHere);

    // Fields
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    using storage::Channel;
    using storage::Priority;
    using storage::StatusTag;
    m_priority = choice(QStringLiteral("priorityBox"), content,
                        {{priorityText(Priority::Critical), int(Priority::Critical)},
                         {priorityText(Priority::High), int(Priority::High)},
                         {priorityText(Priority::Normal), int(Priority::Normal)},
                         {priorityText(Priority::Low), int(Priority::Low)}});
    fields->addRow(tr("&Priority"), m_priority);
    m_status = choice(QStringLiteral("statusBox"), content,
                      {{statusText(StatusTag::None), int(StatusTag::None)},
                       {statusText(StatusTag::InProgress), int(StatusTag::InProgress)},
                       {statusText(StatusTag::NeedsReview), int(StatusTag::NeedsReview)},
                       {statusText(StatusTag::Blocked), int(StatusTag::Blocked)}});
    fields->addRow(tr("&Status"), m_status);
    m_assignee = new QComboBox(content);
    m_assignee->setObjectName(QStringLiteral("assigneeBox"));
    fields->addRow(tr("&Assignee"), m_assignee);
    auto *dueRow = new QHBoxLayout;
    m_hasDue = new QCheckBox(content);
    m_hasDue->setObjectName(QStringLiteral("hasDue"));
    m_hasDue->setAccessibleName(tr("Has a due date"));
    m_hasDue->setToolTip(tr("Has a due date"));
    m_due = new QDateTimeEdit(content);
    m_due->setObjectName(QStringLiteral("dueEdit"));
    m_due->setCalendarPopup(true);
    m_due->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + QStringLiteral("  HH:mm"));
    // A card without a due date shows its earliest value, which reads as this rather than as a date.
    m_due->setSpecialValueText(tr("No due date"));
    dueRow->addWidget(m_hasDue);
    dueRow->addWidget(m_due, 1);
    auto *dueLabel = new QLabel(tr("&Due"), content);
    dueLabel->setBuddy(m_hasDue);
    fields->addRow(dueLabel, dueRow);
    m_requester = new QLineEdit(content);
    m_requester->setObjectName(QStringLiteral("requesterEdit"));
    const CharacterLimit *requesterLimit = CharacterLimit::apply(m_requester, storage::BoardStore::s_maxTitleLength);
    m_requester->setAccessibleName(tr("Requester"));
    m_requester->setPlaceholderText(tr("Who asked for it"));
    fields->addRow(tr("&Requester"), m_requester);
    m_channel = choice(QStringLiteral("channelBox"), content,
                       {{channelText(Channel::None), int(Channel::None)},
                        {channelText(Channel::Email), int(Channel::Email)},
                        {channelText(Channel::Phone), int(Channel::Phone)},
                        {channelText(Channel::Chat), int(Channel::Chat)},
                        {channelText(Channel::WalkIn), int(Channel::WalkIn)},
                        {channelText(Channel::Portal), int(Channel::Portal)},
                        {channelText(Channel::Monitoring), int(Channel::Monitoring)}});
    fields->addRow(tr("C&hannel"), m_channel);
    m_labels = new LabelButton(content);
    m_labels->setObjectName(QStringLiteral("labelsButton"));
    auto *labelMenu = new QMenu(m_labels);
    labelMenu->setObjectName(QStringLiteral("labelsMenu"));
    connect(labelMenu, &QMenu::aboutToShow, this, &CardEditor::fillLabelMenu);
    labelMenu->installEventFilter(this); // it stays open while labels are ticked, for several at once
    m_labels->setMenu(labelMenu);
    fields->addRow(tr("&Labels"), m_labels);
    connect(&m_model, &BoardModel::labelsChanged, this, &CardEditor::showLabels);
    layout->addLayout(fields);
    m_fieldsNotice = noticeLabel(QStringLiteral("fieldsNotice"), content);
    layout->addWidget(m_fieldsNotice);
    // A line at its limit (a long paste is cut by the field itself): say so, rather than cut in silence.
    const auto cutAtLimit = [this](QWidget *field, qsizetype maximum) {
        showNotice(
                m_fieldsNotice,
                tr("%1 has at most %2 characters; the rest was left out.").arg(field->accessibleName()).arg(maximum));
    };
    connect(m_title, &LimitedTextEdit::truncated, this,
            [this, cutAtLimit] { cutAtLimit(m_title, m_title->maxLength()); });
    connect(requesterLimit, &CharacterLimit::truncated, this,
            [this, cutAtLimit, requesterLimit] { cutAtLimit(m_requester, requesterLimit->maximum()); });

    // Description: Markdown, edited as text, previewed without any HTML of its own
    auto *descriptionHeader = new QHBoxLayout;
    auto *descriptionLabel = new QLabel(tr("Description"), content);
    QFont bold = descriptionLabel->font();
    bold.setWeight(QFont::DemiBold);
    descriptionLabel->setFont(bold);
    descriptionHeader->addWidget(descriptionLabel, 1);
    m_previewButton = new QToolButton(content);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setCheckable(true);
    m_previewButton->setText(tr("Preview"));
    m_previewButton->setToolTip(tr("Show the description as formatted text (Ctrl+Shift+P)"));
    m_previewButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_previewButton, &QToolButton::toggled, this, &CardEditor::setPreview);
    descriptionHeader->addWidget(m_previewButton);
    layout->addLayout(descriptionHeader);
    m_descriptionStack = new QStackedWidget(content);
    m_description = new LimitedTextEdit(content);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setMaxLength(storage::BoardStore::s_maxTextLength);
    m_description->setPlaceholderText(tr("What is wrong, what was tried (Markdown)"));
    m_description->setTabChangesFocus(true);
    m_description->installEventFilter(this);
    m_preview = new QTextBrowser(content);
    m_preview->setObjectName(QStringLiteral("descriptionPreview"));
    // Links open in the browser, never inside the panel (nor a file: link as a document).
    m_preview->setOpenLinks(false);
    connect(m_preview, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (url.scheme() == u"http" || url.scheme() == u"https" || url.scheme() == u"mailto")
            QDesktopServices::openUrl(url);
    });
    m_descriptionStack->addWidget(m_description);
    m_descriptionStack->addWidget(m_preview);
    m_descriptionStack->setMinimumHeight(160);
    layout->addWidget(m_descriptionStack, 1);
    m_descriptionNotice = noticeLabel(QStringLiteral("descriptionNotice"), content);
    layout->addWidget(m_descriptionNotice);

    // Checklist: its items and a field to add one
    m_checklistPane = new ChecklistPane(content);
    layout->addWidget(m_checklistPane);

    // Attachments: stored files and links; files dropped anywhere on the editor are attached
    m_attachments = new AttachmentsPane(content);
    // Who attached a file, by the name the rest of the window shows for them.
    m_attachments->model()->setNameOf([this](const QString &login) { return m_model.memberName(login); });
    layout->addSpacing(4);
    layout->addWidget(m_attachments);
    setAcceptDrops(true);
    // Text fields take dropped text as text; dropped files go to the attachments instead.
    for (QWidget *target : std::initializer_list<QWidget *>{m_title->viewport(), m_requester,
                                                            m_checklistPane->addField(), m_description->viewport()})
        target->installEventFilter(this);

    // Comments; files dropped on the box to write one go to the attachments too
    m_commentsPane = new CommentsPane(m_model, content);
    m_commentsPane->edit()->viewport()->installEventFilter(this);
    layout->addWidget(m_commentsPane);
    connect(m_description, &LimitedTextEdit::truncated, this,
            [this](qsizetype dropped) { showNotice(m_descriptionNotice, tooLongText(dropped)); });

    // History: what happened to the card, oldest first; read when opened
    m_historyPane = new HistoryPane(m_model, content);
    layout->addWidget(m_historyPane);
    layout->addStretch(1);

    // Saving: each field on its own, when it is done with
    connect(m_title, &TitleEdit::editingFinished, this, &CardEditor::saveTitle);
    const auto onChoice = [this](QComboBox *box, auto field, const QString &text) {
        connect(box, &QComboBox::activated, this, [this, box, field, text] {
            storage::CardPatch patch;
            patch.*field = static_cast<typename std::remove_reference_t<decltype(*(patch.*field))>>(
                    box->currentData().toInt());
            save(patch, text);
        });
    };
    onChoice(m_priority, &storage::CardPatch::priority, tr("Change Priority"));
    onChoice(m_status, &storage::CardPatch::status, tr("Change Status"));
    onChoice(m_channel, &storage::CardPatch::channel, tr("Change Channel"));
    connect(m_assignee, &QComboBox::activated, this, [this] {
        storage::CardPatch patch;
        patch.assignee = m_assignee->currentData().toString();
        save(patch, tr("Assign Card"));
    });
    connect(m_requester, &QLineEdit::editingFinished, this, &CardEditor::saveRequester);
    connect(m_hasDue, &QCheckBox::clicked, this, [this](bool due) {
        if (due)
            m_due->setDateTime(defaultDue());
        saveDue();
    });
    connect(m_due, &QDateTimeEdit::editingFinished, this, &CardEditor::saveDue);
    // A day picked in the calendar is a finished edit too; the edit takes the date first.
    connect(m_due->calendarWidget(), &QCalendarWidget::clicked, this,
            [this] { QTimer::singleShot(0, this, &CardEditor::saveDue); });

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &CardEditor::dismiss);

    // What others change, and saves that land or fail, show here as the board shows them.
    connect(&m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const QModelIndex shown = m_model.cardIndex(m_cardId);
        if (shown.isValid() && shown.parent() == from.parent() && shown.row() >= from.row() && shown.row() <= to.row())
            refresh();
    });
    for (auto signal : {&QAbstractItemModel::rowsRemoved, &QAbstractItemModel::rowsInserted})
        connect(&m_model, signal, this, &CardEditor::refresh);
    connect(&m_model, &QAbstractItemModel::rowsMoved, this, &CardEditor::refresh);
    // The board read again brings the members as they are now (one added, renamed, made a viewer), then the card.
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CardEditor::loadMembers);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CardEditor::refresh);
    setBoard(nullptr, nullptr);
}

CardEditor::~CardEditor() = default;

void CardEditor::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    delete m_labelsDialog; // it works on the board shown before
    m_store = store;
    m_actions = actions;
    m_checklistPane->setBoard(store, actions);
    m_attachments->setBoard(store, actions);
    m_commentsPane->setBoard(store, actions);
    m_historyPane->showCard(store, 0);
    m_cardId = 0;
    loadMembers();
    hide();
}

const storage::Card *CardEditor::card() const
{
    return m_model.cardAt(m_model.cardIndex(m_cardId));
}

void CardEditor::loadMembers()
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

void CardEditor::showCard(qint64 id)
{
    if (id != m_cardId)
        commit();
    m_cardId = id;
    m_checklistPane->showCard(id);
    m_previewButton->setChecked(false);
    // The card's own text, not what was typed on the card shown before (saved by commit() above).
    m_title->setModified(false);
    m_requester->setModified(false);
    m_description->document()->setModified(false);
    refresh();
    m_title->setCursorPosition(0); // a title that was typed over shows from its start
    for (QLabel *notice : {m_fieldsNotice, m_descriptionNotice})
        notice->hide();
    m_commentsPane->hideNotice();
    loadDetails();
    show();
}

void CardEditor::setAlsoOpenBy(const QStringList &names)
{
    if (names.isEmpty()) {
        m_alsoHere->hide();
        m_alsoHere->clear();
        return;
    }
    m_alsoHere->setText(names.size() == 1 ? tr("%1 has this card open too.").arg(names.constFirst())
                                          : tr("%1 have this card open too.").arg(names.join(QStringLiteral(", "))));
    m_alsoHere->show();
}

void CardEditor::commit()
{
    if (!m_cardId || !m_actions)
        return;
    saveDescription();
    saveTitle();
    saveRequester();
}

bool CardEditor::takeFiles(QDropEvent *event)
{
    if (card())
        return m_attachments->takeFiles(event);
    event->ignore();
    return false;
}

void CardEditor::dragEnterEvent(QDragEnterEvent *event)
{
    takeFiles(event);
}

void CardEditor::dragMoveEvent(QDragMoveEvent *event)
{
    takeFiles(event);
}

void CardEditor::dropEvent(QDropEvent *event)
{
    takeFiles(event);
}

void CardEditor::showNotice(QLabel *notice, const QString &text)
{
    notice->setText(text);
    notice->show();
}

void CardEditor::dismiss()
{
    commit();
    hide();
    Q_EMIT closed();
}

bool CardEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (!attachmentfiles::localFiles(drop->mimeData()).isEmpty()) {
            takeFiles(drop);
            return true;
        }
    }
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
    if (watched == m_description && event->type() == QEvent::FocusOut)
        saveDescription();
    return QWidget::eventFilter(watched, event);
}

bool CardEditor::save(const storage::CardPatch &patch, const QString &text,
                      const std::optional<storage::CardPatch> &base)
{
    if (!m_actions || !card())
        return false;
    if (m_actions->editCard(m_cardId, patch, text, base))
        return true;
    refresh(); // refused at once: show what the card still has
    return false;
}

template<typename Field>
bool CardEditor::saveLine(Field *edit, std::optional<QString> storage::CardPatch::*field, const QString &text)
{
    if (!edit->isModified())
        return true;
    edit->setModified(false);
    storage::CardPatch patch;
    patch.*field = edit->text().trimmed();
    storage::CardPatch base;
    base.*field = m_typedFrom.*field;
    if (!save(patch, text, base))
        return false;
    m_typedFrom.*field = patch.*field; // what typing goes on from: this save, not a colleague's change
    return true;
}

void CardEditor::saveTitle()
{
    // Refused (emptied): the card keeps its title, and so does the field.
    if (!saveLine(m_title, &storage::CardPatch::title, tr("Rename Card")) && card())
        m_title->setText(card()->title);
}

void CardEditor::saveRequester()
{
    saveLine(m_requester, &storage::CardPatch::requester, tr("Change Requester"));
}

void CardEditor::saveDescription()
{
    const storage::Card *shown = card();
    if (!shown || !m_actions || !m_description->document()->isModified())
        return;
    storage::CardPatch patch;
    patch.description = m_description->toPlainText();
    storage::CardPatch base;
    base.description = m_typedFrom.description;
    // Refused text (too long) stays in the field, still modified, so nothing typed is lost.
    if (m_actions->editCard(m_cardId, patch, tr("Edit Description"), base)) {
        m_description->document()->setModified(false);
        m_typedFrom.description = patch.description;
    }
}

void CardEditor::saveDue()
{
    storage::CardPatch patch;
    patch.dueAt = m_hasDue->isChecked() ? m_due->dateTime().toMSecsSinceEpoch() : 0;
    save(patch, m_hasDue->isChecked() ? tr("Set Due Date") : tr("Clear Due Date"));
}

void CardEditor::setPreview(bool preview)
{
    if (preview) {
        saveDescription();
        // GitHub-flavoured Markdown, with any HTML in it shown as text, never run.
        m_preview->document()->setMarkdown(m_description->toPlainText(),
                                           QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub)
                                                   | QTextDocument::MarkdownNoHTML);
    }
    m_previewButton->setText(preview ? tr("Edit") : tr("Preview"));
    m_descriptionStack->setCurrentWidget(preview ? static_cast<QWidget *>(m_preview) : m_description);
}

void CardEditor::refresh()
{
    const storage::Card *shown = card();
    const bool editable = shown && m_actions;
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_priority, m_status, m_assignee, m_hasDue, m_channel, m_labels})
        field->setEnabled(editable);
    m_checklistPane->setEditable(editable);
    m_commentsPane->setEditable(editable);
    m_title->setReadOnly(!editable);
    m_requester->setReadOnly(!editable);
    m_description->setReadOnly(!editable);
    if (!shown) {
        m_summary->setText(m_cardId ? tr("This card is no longer on the board (archived, deleted, or hidden by "
                                         "a reload).")
                                    : QString());
        m_due->setEnabled(false);
        return;
    }
    // Text typed and not saved yet stays; the rest shows the card.
    // What a field shows when typing starts is what the typing changes: a colleague's change that comes in
    // meanwhile is a conflict when it is saved, not overwritten unseen.
    if (!m_title->isModified()) {
        if (m_title->text() != TitleEdit::oneLine(shown->title)) // a title from elsewhere may hold a line break
            m_title->setText(shown->title);
        m_typedFrom.title = shown->title;
    }
    if (!m_requester->isModified()) {
        if (m_requester->text() != shown->requester)
            m_requester->setText(shown->requester);
        m_typedFrom.requester = shown->requester;
    }
    if (!m_description->document()->isModified()) {
        if (m_description->toPlainText() != shown->description)
            m_description->setPlainText(shown->description);
        m_typedFrom.description = shown->description;
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
    if (!m_due->hasFocus())
        m_due->setDateTime(shown->dueAt ? QDateTime::fromMSecsSinceEpoch(shown->dueAt) : m_due->minimumDateTime());
    const QModelIndex index = m_model.cardIndex(m_cardId);
    QStringList summary{tr("#%1 in %2").arg(shown->id).arg(index.parent().data().toString())};
    if (shown->createdAt)
        summary << tr("created %1 by %2").arg(when(shown->createdAt), shown->createdBy);
    if (shown->firstResponseAt)
        summary << tr("first response %1 by %2").arg(when(shown->firstResponseAt), shown->firstResponseBy);
    if (shown->resolvedAt)
        summary << tr("resolved %1").arg(when(shown->resolvedAt));
    if (shown->isOverdue(QDateTime::currentMSecsSinceEpoch()))
        summary << tr("overdue");
    m_summary->setText(summary.join(QStringLiteral(" · ")));
    showLabels();
    m_historyPane->showCard(m_store, m_cardId);
}

void CardEditor::loadDetails()
{
    m_commentsPane->stopEditing();
    if (!m_store || !card()) {
        m_checklistPane->setItems(0, {});
        m_attachments->showCard(0);
        m_commentsPane->showComments(0, {});
        return;
    }
    m_attachments->showCard(m_cardId);
    auto checklist = m_store->checklist(m_cardId);
    auto comments = m_store->comments(m_cardId);
    m_checklistPane->setItems(m_cardId, checklist ? *checklist : QList<storage::ChecklistItem>());
    m_commentsPane->showComments(m_cardId, comments ? *comments : QList<storage::Comment>());
    if (!checklist || !comments)
        m_commentsPane->showProblem(!checklist ? checklist.error().message : comments.error().message);
    // A colleague's save kept the file busy: read again in a moment, never waited for on the window's thread.
    if (foundBusy(checklist) || foundBusy(comments))
        QTimer::singleShot(s_busyRetryMs, this, [this, id = m_cardId] { retryDetails(id); });
}

void CardEditor::retryDetails(qint64 cardId)
{
    if (!m_store || cardId != m_cardId || isHidden() || !card())
        return;
    auto checklist = m_store->checklist(m_cardId);
    auto comments = m_store->comments(m_cardId);
    if (!checklist || !comments) {
        m_commentsPane->showProblem(!checklist ? checklist.error().message : comments.error().message);
        if (foundBusy(checklist) || foundBusy(comments))
            QTimer::singleShot(s_busyRetryMs, this, [this, cardId] { retryDetails(cardId); });
        return;
    }
    m_checklistPane->setItems(m_cardId, *checklist);
    m_commentsPane->showComments(m_cardId, *comments);
}

void CardEditor::showOthersDetails(qint64 cardId, const QList<storage::ChecklistItem> &checklist,
                                   const QList<storage::Comment> &comments,
                                   const QList<storage::Attachment> &attachments)
{
    if (isHidden() || !m_cardId || cardId != m_cardId || !card())
        return;
    // An item or a comment being edited here keeps its text: their change shows with the next one, or when the
    // card is opened again. A save of this card still on its way shows its own result.
    if (m_commentsPane->isEditing() || m_checklistPane->isEditingItem() || (m_actions && m_actions->isSaving(m_cardId)))
        return;
    m_checklistPane->setItems(cardId, checklist);
    m_attachments->model()->setAttachments(cardId, attachments);
    m_commentsPane->showComments(cardId, comments);
}

void CardEditor::showLabels()
{
    const storage::Card *shown = card();
    QList<std::pair<QString, QColor>> labels;
    for (const storage::Label &label : m_model.labels()) {
        if (shown && shown->labelIds.contains(label.id))
            labels.append({label.name, QColor(label.color)});
    }
    m_labels->setLabels(labels);
}

void CardEditor::fillLabelMenu()
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
    menu->addAction(tr("New Label…"), this, &CardEditor::newLabel)->setObjectName(QStringLiteral("newLabel"));
    menu->addAction(tr("Manage Labels…"), this, &CardEditor::manageLabels)
            ->setObjectName(QStringLiteral("manageLabels"));
}

void CardEditor::newLabel()
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

void CardEditor::editTitle()
{
    m_title->setFocus(Qt::OtherFocusReason);
    m_title->selectAll();
}

void CardEditor::manageLabels()
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
