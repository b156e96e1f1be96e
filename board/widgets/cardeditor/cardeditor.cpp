// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardeditor.h"

#include "articlespane.h"
#include "attachmentspane.h"
#include "checklistpane.h"
#include "clockspane.h"
#include "commentspane.h"
#include "descriptionpane.h"
#include "editorparts.h"
#include "fieldspane.h"
#include "historypane.h"
#include "titleedit.h"

#include <board/actions/boardactions.h>
#include <board/model/attachmentmodel.h>
#include <board/model/boardmodel.h>
#include <board/rules/attachmentfiles.h>
#include <board/widgets/common/busyretry.h>
#include <board/widgets/common/limitedtextedit.h>
#include <storage/boardstore.h>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace hb::board {

using namespace editorparts;

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

    // Fields, then the description
    m_saver = [this](const storage::CardPatch &patch, const QString &text,
                     const std::optional<storage::CardPatch> &base) { return save(patch, text, base); };
    m_fieldsPane = new FieldsPane(m_model, m_saver, content);
    layout->addWidget(m_fieldsPane);
    m_clocksPane = new ClocksPane(m_model, content);
    layout->addWidget(m_clocksPane);
    // A title at its limit (a long paste is cut by the field itself): said under the fields, as for the requester.
    connect(m_title, &LimitedTextEdit::truncated, this,
            [this] { m_fieldsPane->sayCut(m_title->accessibleName(), m_title->maxLength()); });
    m_descriptionPane = new DescriptionPane(m_saver, content);
    layout->addWidget(m_descriptionPane, 1);

    // The knowledge base: the articles this ticket was solved with, and those like it, right under its problem
    m_articlesPane = new ArticlesPane(m_model, content);
    layout->addWidget(m_articlesPane);
    connect(m_articlesPane, &ArticlesPane::openArticle, this, &CardEditor::openArticle);
    connect(m_articlesPane, &ArticlesPane::writeArticle, this, &CardEditor::writeArticle);

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
    for (QWidget *target :
         std::initializer_list<QWidget *>{m_title->viewport(), m_fieldsPane->requesterEdit(),
                                          m_checklistPane->addField(), m_descriptionPane->edit()->viewport()})
        target->installEventFilter(this);

    // Comments; files dropped on the box to write one go to the attachments too
    m_commentsPane = new CommentsPane(m_model, content);
    m_commentsPane->edit()->viewport()->installEventFilter(this);
    layout->addWidget(m_commentsPane);

    // History: what happened to the card, oldest first; read when opened
    m_historyPane = new HistoryPane(m_model, content);
    layout->addWidget(m_historyPane);
    layout->addStretch(1);

    connect(m_title, &TitleEdit::editingFinished, this, &CardEditor::saveTitle);

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
    // The board read again (the fields pane reads the members first, as they are now), then the card.
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CardEditor::refresh);
    setBoard(nullptr, nullptr);
}

CardEditor::~CardEditor() = default;

void CardEditor::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_store = store;
    m_actions = actions;
    m_fieldsPane->setBoard(store, actions);
    m_clocksPane->setBoard(store);
    m_checklistPane->setBoard(store, actions);
    m_attachments->setBoard(store, actions);
    m_commentsPane->setBoard(store, actions);
    m_articlesPane->setBoard(store, actions);
    if (actions) {
        connect(actions, &BoardActions::articlesChanged, this, &CardEditor::articlesChanged, Qt::UniqueConnection);
    }
    m_historyPane->showCard(store, 0);
    m_cardId = 0;
    hide();
}

void CardEditor::articlesChanged()
{
    if (m_cardId)
        m_articlesPane->refresh(true);
}

const storage::Card *CardEditor::card() const
{
    return m_model.cardAt(m_model.cardIndex(m_cardId));
}

void CardEditor::showCard(qint64 id)
{
    if (id != m_cardId)
        commit();
    m_cardId = id;
    m_checklistPane->showCard(id);
    // The card's own text, not what was typed on the card shown before (saved by commit() above).
    m_title->setModified(false);
    m_fieldsPane->showCard(id);
    m_descriptionPane->showCard();
    refresh();
    m_title->setCursorPosition(0); // a title that was typed over shows from its start
    m_commentsPane->hideNotice();
    m_articlesPane->showCard(id);
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
    m_descriptionPane->commit();
    saveTitle();
    m_fieldsPane->commit();
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

void CardEditor::saveTitle()
{
    if (!m_title->isModified())
        return;
    m_title->setModified(false);
    // Refused (emptied): the card keeps its title, and so does the field.
    if (!saveTyped(m_saver, &storage::CardPatch::title, m_title->text().trimmed(), m_typedFrom, tr("Rename Card"))
        && card())
        m_title->setText(card()->title);
}

void CardEditor::refresh()
{
    const storage::Card *shown = card();
    const bool editable = shown && m_actions;
    m_fieldsPane->refresh(editable);
    m_checklistPane->setEditable(editable);
    m_commentsPane->setEditable(editable);
    m_title->setReadOnly(!editable);
    m_clocksPane->showCard(shown);
    if (!shown) {
        m_descriptionPane->edit()->setReadOnly(true);
        m_summary->setText(m_cardId ? tr("This card is no longer on the board (archived, deleted, or hidden by "
                                         "a reload).")
                                    : QString());
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
    m_descriptionPane->showText(shown->description, editable);
    m_articlesPane->refresh();
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

void CardEditor::editTitle()
{
    m_title->setFocus(Qt::OtherFocusReason);
    m_title->selectAll();
}

} // namespace hb::board
