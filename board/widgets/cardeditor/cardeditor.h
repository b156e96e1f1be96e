// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QKeyEvent;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class AttachmentsPane;
class CommentsPane;
class HistoryPane;
class BoardActions;
class BoardModel;
class ChecklistPane;
class LabelButton;
class LabelsDialog;
class LimitedTextEdit;
class TitleEdit;

/**
 * One card, beside the board: title, fields and description to edit, then its checklist and comments. Every change
 * is saved on its own as an undo step through BoardActions (no Save button); what others change, or a save that
 * fails, shows in the fields as the board model has it. Without actions (a viewer, a read-only file) it only shows.
 * Esc or the close button hides it.
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

Q_SIGNALS:
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

private:
    void dismiss();
    void showNotice(QLabel *notice, const QString &text);
    /// Shows the card as the model has it; a field being typed in keeps what is typed.
    void refresh();
    void loadMembers();
    void loadDetails();
    /// Reads card @p cardId's checklist and comments again, a moment after the file was too busy to give them.
    void retryDetails(qint64 cardId);
    /// Saves @p patch as an undo step called @p text; @p base: what typed text started from (see editCard()).
    /// False when refused at once (failed() says why).
    bool save(const storage::CardPatch &patch, const QString &text, const std::optional<storage::CardPatch> &base = {});
    /// Saves a line edit's text as @p field when it was edited; false when refused at once.
    template<typename Field>
    bool saveLine(Field *edit, std::optional<QString> storage::CardPatch::*field, const QString &text);
    void saveTitle();
    void saveRequester();
    void saveDescription();
    void saveDue();
    void setPreview(bool preview);
    /// The label menu: a tick per board label, then New Label.
    void fillLabelMenu();
    void showLabels();
    void newLabel();
    void manageLabels();
    const storage::Card *card() const;

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    /// The title, requester and description as their fields showed them when typing began.
    storage::CardPatch m_typedFrom;

    TitleEdit *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_alsoHere = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_assignee = nullptr;
    QCheckBox *m_hasDue = nullptr;
    QDateTimeEdit *m_due = nullptr;
    QLineEdit *m_requester = nullptr;
    QComboBox *m_channel = nullptr;
    LabelButton *m_labels = nullptr;
    QPointer<LabelsDialog> m_labelsDialog;
    QToolButton *m_previewButton = nullptr;
    QStackedWidget *m_descriptionStack = nullptr;
    LimitedTextEdit *m_description = nullptr;
    QLabel *m_descriptionNotice = nullptr;
    QLabel *m_fieldsNotice = nullptr;
    QTextBrowser *m_preview = nullptr;
    ChecklistPane *m_checklistPane = nullptr;
    AttachmentsPane *m_attachments = nullptr;
    CommentsPane *m_commentsPane = nullptr;
    HistoryPane *m_historyPane = nullptr;
};

} // namespace hb::board
