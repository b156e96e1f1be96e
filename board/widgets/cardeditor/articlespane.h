// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class ArticleModel;
class BoardActions;
class BoardModel;

/**
 * The card editor's Knowledge base: the articles the card was solved with (a deleted one marked so), and the
 * articles most like it (from its title, labels and description, best first, at most five). An article can be
 * opened, linked as "solved with", taken off, and its checklist applied in one step; and a card can be written up
 * as a new article.
 */
class ArticlesPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticlesPane)

public:
    explicit ArticlesPane(BoardModel &model, QWidget *parent = nullptr);
    ~ArticlesPane() override;

    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// Shows card @p cardId's articles and suggestions (read now).
    void showCard(qint64 cardId);
    /// Reads them again when what they are found from changed (the title, description or labels), or @p always.
    void refresh(bool always = false);

    ArticleModel *linkedModel() const { return m_linked; }
    ArticleModel *suggestedModel() const { return m_suggested; }

Q_SIGNALS:
    /// The user wants article @p articleId shown whole (in the Knowledge view).
    void openArticle(qint64 articleId);
    /// The user wants a new article written from this card: @p draft pre-filled.
    void writeArticle(const storage::Article &draft);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// The article selected in either list (the one with focus first), or none.
    const storage::Article *current() const;
    void updateButtons();
    void fitHeights();

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    QString m_readFrom; ///< the card's text the suggestions were read from
    ArticleModel *m_linked = nullptr;
    ArticleModel *m_suggested = nullptr;
    QLabel *m_linkedLabel = nullptr;
    QListView *m_linkedView = nullptr;
    QLabel *m_suggestedLabel = nullptr;
    QListView *m_suggestedView = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_link = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_write = nullptr;
    QListView *m_lastView = nullptr;
};

} // namespace hb::board
