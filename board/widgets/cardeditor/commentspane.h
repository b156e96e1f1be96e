// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QUrl;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;
class BoardModel;
class LimitedTextEdit;

/**
 * The card editor's comments: oldest first, then the box to write one (Ctrl+Enter posts it). The author edits or
 * deletes their own, an admin deletes any; web addresses in a comment open in the browser. Comments are shown as
 * plain text, never as markup. Each post, edit and removal is an undo step through BoardActions.
 */
class CommentsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommentsPane)

public:
    explicit CommentsPane(BoardModel &model, QWidget *parent = nullptr);
    ~CommentsPane() override;

    /// @p actions null: the comments are shown, not changed.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// Shows card @p cardId's @p comments (0: no card). A comment being edited stays in the box.
    void showComments(qint64 cardId, const QList<storage::Comment> &comments);
    /// The comments could not be read: @p message instead.
    void showProblem(const QString &message);
    /// Whether a comment is being edited in the box (its text is kept while the card is shown again).
    bool isEditing() const { return m_editing != 0; }
    /// Gives up editing a comment: the box is emptied for a new one.
    void stopEditing() { setEditing(0); }
    /// The box and its button take input (a card that can be changed is shown), or not.
    void setEditable(bool editable);
    void hideNotice();
    /// The box to write in (it takes dropped text; its owner may take dropped files).
    LimitedTextEdit *edit() const { return m_edit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void post();
    void openLink(const QUrl &url);
    void setEditing(qint64 commentId);

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    QList<storage::Comment> m_shown;
    qint64 m_editing = 0; ///< the comment being edited in the box, 0 when writing a new one

    QTextBrowser *m_view = nullptr;
    LimitedTextEdit *m_edit = nullptr;
    QLabel *m_notice = nullptr;
    QToolButton *m_cancelEdit = nullptr;
    QPushButton *m_post = nullptr;
};

} // namespace hb::board
