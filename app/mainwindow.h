// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

namespace hb::storage {
class BoardStore;
}
namespace hb::board {
class BoardActions;
class BoardModel;
class BoardView;
} // namespace hb::board

class QLabel;
class QUndoStack;

namespace hb::app {

/// The main window: composes the board view, menus and status bar; owns no business rules.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(std::unique_ptr<storage::BoardStore> store, QWidget *parent = nullptr);
    ~MainWindow() override;

    board::BoardModel *model() const { return m_model; }
    QUndoStack *undoStack() const { return m_undoStack; }

private:
    void reload();
    void openBoard();
    void updateStatus();
    void showCard(qint64 id);

    void setStore(std::unique_ptr<storage::BoardStore> store);

    std::unique_ptr<storage::BoardStore> m_store;
    board::BoardModel *m_model;
    board::BoardView *m_view;
    QUndoStack *m_undoStack;
    QLabel *m_statusLabel;
    board::BoardActions *m_actions = nullptr;
};

} // namespace hb::app
