// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editorparts.h"

#include <storage/records.h>

#include <QWidget>

class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QLabel;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class ArticlesPane;
class AttachmentsPane;
class BoardActions;
class BoardModel;
class ChecklistPane;
class ClocksPane;
class CommentsPane;
class DescriptionPane;
class FieldsPane;
class HistoryPane;
class TitleEdit;

/**
 * One card, beside the board: its title, then panes for its fields, description, checklist, attachments, comments
 * and history. Every change is saved on its own as an undo step through BoardActions (no Save button); what others
 * change, or a save that fails, shows in the fields as the board model has it. Without actions (a viewer, a read-only
 * file) it only shows. Esc or the close button hides it.
 */
class CardEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardEditor)

public:
    explicit CardEditor(BoardModel &model, QWidget *parent = nullptr);
    ~CardEditor() override;

    /// The board the cards come from; @p actions null: nothing can be changed.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    void showCard(qint64 id);
    qint64 cardId() const { return m_cardId; }
    /// The keyboard in the title, all of it selected: typing replaces it (a new ticket's).
    void editTitle();
    /// Saves what was typed and not yet saved (the description, a title being typed): before another card, or
    /// closing.
    void commit();

    /// Card @p cardId changed in the file: its checklist, comments and attachments as the file has them now
    /// (read by the poller). Shown when it is the card open here, unless one of them is being edited here.
    void showOthersDetails(qint64 cardId, const QList<storage::ChecklistItem> &checklist,
                           const QList<storage::Comment> &comments, const QList<storage::Attachment> &attachments);
    /// Who else has this card open now (their names); none hides the line that says so.
    void setAlsoOpenBy(const QStringList &names);
    /// The knowledge base changed (here or by a colleague): the card's articles and suggestions are read again.
    void articlesChanged();
    ArticlesPane *articlesPane() const { return m_articlesPane; }

Q_SIGNALS:
    /// The user wants article @p articleId shown whole.
    void openArticle(qint64 articleId);
    /// The user wants a new article written from the card: @p draft pre-filled.
    void writeArticle(const storage::Article &draft);
    /// Hidden by the user (Esc or the close button).
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /// A drag of local files anywhere on the editor: handed to the attachments pane while a card is shown.
    bool takeFiles(QDropEvent *event);
    void dismiss();
    /// Shows the card as the model has it; a field being typed in keeps what is typed.
    void refresh();
    void loadDetails();
    /// Reads card @p cardId's checklist and comments again, a moment after the file was too busy to give them.
    void retryDetails(qint64 cardId);
    /// Saves @p patch as an undo step called @p text; @p base: what typed text started from (see editCard()).
    /// False when refused at once (failed() says why), and the card is shown as it still is.
    bool save(const storage::CardPatch &patch, const QString &text, const std::optional<storage::CardPatch> &base = {});
    void saveTitle();
    const storage::Card *card() const;

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    /// save(), for the panes.
    editorparts::SaveCard m_saver;
    /// The title as its field showed it when typing began.
    storage::CardPatch m_typedFrom;

    TitleEdit *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_alsoHere = nullptr;
    ClocksPane *m_clocksPane = nullptr;
    FieldsPane *m_fieldsPane = nullptr;
    DescriptionPane *m_descriptionPane = nullptr;
    ArticlesPane *m_articlesPane = nullptr;
    ChecklistPane *m_checklistPane = nullptr;
    AttachmentsPane *m_attachments = nullptr;
    CommentsPane *m_commentsPane = nullptr;
    HistoryPane *m_historyPane = nullptr;
};

} // namespace hb::board
