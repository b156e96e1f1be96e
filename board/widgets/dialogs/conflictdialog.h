// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/rules/cardfields.h>

#include <QDialog>

#include <functional>
#include <optional>

class QPushButton;
class QWidget;

namespace hb::board {

/**
 * Someone else changed a field of a card while this user was changing it too: both values side by side, and the
 * choice of keeping theirs (Escape), keeping mine (Enter), or editing mine first (free text only) and saving that.
 * Theirs is what the file holds while the dialog is open; nothing is written until a choice is made.
 */
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    /// @p memberName turns a login into the name people see (the one who changed it, an assignee).
    ConflictDialog(const CardConflict &conflict, const std::function<QString(const QString &login)> &memberName,
                   QWidget *parent = nullptr);
    ~ConflictDialog() override;

    const CardConflict &conflict() const { return m_conflict; }
    /// What to save once the dialog was accepted: this user's values, as edited; none when theirs are kept.
    std::optional<storage::CardPatch> resolution() const;

private:
    /// Lets the user change their values before saving them.
    void edit();

    CardConflict m_conflict;
    QList<ConflictField> m_fields;
    QList<QWidget *> m_mine; ///< per field: what shows this user's value
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_edit = nullptr;
};

} // namespace hb::board
