// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class ArticleModel;
class AttachmentModel;
class BoardActions;
class BoardModel;
class MarkdownView;

/**
 * The board's knowledge base beside the board (View > Knowledge, Ctrl+K): the articles, searched as you type (title,
 * text and labels; best match first), and the one selected read whole, its Markdown formatted (never running HTML),
 * with how many tickets it helped solve. Editors and admins write, edit and delete articles (each an undo step);
 * viewers read.
 */
class KnowledgeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KnowledgeView)

public:
    explicit KnowledgeView(BoardModel &model, QWidget *parent = nullptr);
    ~KnowledgeView() override;

    /// The board the articles come from; @p actions null: read only.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// Reads the articles again (the search stays, and the article shown if it is still there).
    void refresh();
    /// Shows article @p id (the search cleared when it hides it).
    void showArticle(qint64 id);
    /// Opens the editor on a new article, @p draft pre-filled; saved as an undo step when accepted.
    void writeArticle(const storage::Article &draft = {});
    /// Opens the editor on the article shown.
    void editArticle();
    void deleteArticle();

    QLineEdit *searchField() const { return m_search; }
    QListView *list() const { return m_list; }
    ArticleModel *model() const { return m_articles; }
    /// The article shown, or 0.
    qint64 shownArticle() const { return m_shown; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// The editor on @p article, modal; true when accepted, with what was written or changed.
    bool runDialog(const storage::Article &article, storage::Article *written, storage::ArticlePatch *patch);
    void search();
    void showAttachments(const QList<storage::Attachment> &attachments);
    void saveAttachmentAs();
    void showCurrent();
    void updateButtons();

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    ArticleModel *m_articles = nullptr;
    QList<storage::Article> m_all; ///< every live article, without its text, by title (refresh())
    qint64 m_shown = 0;
    int m_boardGeneration = 0; ///< setBoard() calls: a dialog open across one saves nothing
    QLineEdit *m_search = nullptr;
    QPushButton *m_new = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_meta = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    MarkdownView *m_body = nullptr;
    QPushButton *m_attach = nullptr;
    AttachmentModel *m_files = nullptr;
    QListView *m_fileList = nullptr;
    QPushButton *m_saveFile = nullptr;
    QPushButton *m_removeFile = nullptr;
};

} // namespace hb::board
