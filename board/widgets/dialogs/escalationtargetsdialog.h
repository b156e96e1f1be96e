// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;

/**
 * Whom the board's tickets can be escalated to (Board > Escalation Targets): the team's second line and outside
 * vendors, each with how to reach them. Admins add, change and remove them; everyone else only looks. Not modal;
 * each save is compare-and-swap from the version shown, made in the background, and not an undo step (the list is
 * the board's set-up, like its members).
 */
class EscalationTargetsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EscalationTargetsDialog)

public:
    /// @p actions is null when the board cannot be changed here (a viewer, a read-only file).
    EscalationTargetsDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent = nullptr);
    ~EscalationTargetsDialog() override;

    /// Reads the list again; the target shown stays shown (a new one being typed stays typed).
    void reload();

Q_SIGNALS:
    /// A save landed (or was refused: @p saved false, and the dialog says why).
    void saveFinished(bool saved);

private:
    bool canManage() const;
    /// The target selected in the list (id 0: a new one), into the fields.
    void showSelected();
    void startNew();
    void save();
    void removeSelected();
    void say(const QString &message, QWidget *focus = nullptr);
    void updateControls();

    storage::BoardStore &m_store;
    BoardActions *m_actions;
    QList<storage::EscalationTarget> m_targets;
    qint64 m_shownId = 0; ///< the target in the fields; 0: a new one
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_contact = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace hb::board
