// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTextBrowser;
class QToolButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardModel;

/// The card editor's History: what happened to the card, oldest first, behind a toggle; read when opened.
class HistoryPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPane)

public:
    /// People are named as @p model names them.
    explicit HistoryPane(BoardModel &model, QWidget *parent = nullptr);

    /// The history of @p cardId in @p store: read now when the pane is open, else when it is opened.
    void showCard(storage::BoardStore *store, qint64 cardId);

private:
    void load();

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    qint64 m_cardId = 0;
    QToolButton *m_toggle = nullptr;
    QTextBrowser *m_list = nullptr;
};

} // namespace hb::board
