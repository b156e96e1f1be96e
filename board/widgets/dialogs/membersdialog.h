// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>
#include <storage/result.h>

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;
class MemberModel;

/**
 * Who may do what on the board: its members with their roles, and the role a login joins with the first time it
 * opens the board. Admins add members, change roles and remove members (Delete); everyone else only looks. Not
 * modal; changes are saved in the background and are not undo steps (they are about people, not the board).
 */
class MembersDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembersDialog)

public:
    /// @p actions is null when the board cannot be changed here (a viewer, a read-only file).
    MembersDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent = nullptr);
    ~MembersDialog() override;

    /// Reads the members and the joining role again.
    void reload();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool canManage() const;
    QString currentLogin() const;
    void addMember();
    /// Saves the role picked last for the member it was picked for: arrows and the wheel step through roles, and
    /// only where they stop counts.
    void saveRole();
    void removeCurrent();
    void setJoiningRole(const QString &role);
    /// Saves @p save in the background, reads the list again, and then calls @p then with whether it was saved.
    void change(std::function<storage::Status(storage::BoardStore &)> save, std::function<void(bool saved)> then = {});
    void updateControls();

    storage::BoardStore &m_store;
    BoardActions *m_actions;
    MemberModel *m_model;
    QTableView *m_table = nullptr;
    QComboBox *m_role = nullptr;
    QPushButton *m_remove = nullptr;
    QLineEdit *m_newLogin = nullptr;
    QLineEdit *m_newName = nullptr;
    QComboBox *m_newRole = nullptr;
    QPushButton *m_add = nullptr;
    QComboBox *m_joining = nullptr;
    QLabel *m_note = nullptr;
    QTimer *m_settle = nullptr;
    QString m_pickedLogin; ///< whose role was picked and is not saved yet
    storage::Role m_pickedRole = storage::Role::Viewer;
    QString m_pickedJoining; ///< the joining role picked and not saved yet
};

} // namespace hb::board
