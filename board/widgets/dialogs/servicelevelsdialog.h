// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/sla/calendar.h>
#include <board/sla/policy.h>
#include <storage/result.h>

#include <QDialog>
#include <QHash>

#include <array>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;

/**
 * The board's service levels (Board > Service Levels…): a first-response and a resolution target per priority, each
 * in business hours or 24x7; the statuses that pause the resolution clock; the help desk's time zone, working hours
 * per weekday and holidays. Admins change them and save them all at once (compare-and-swap, like any change; not
 * an undo step): what cannot be used is said, and nothing is saved. Everyone else only looks.
 */
class ServiceLevelsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceLevelsDialog)

public:
    /// @p actions is null when the board cannot be changed here (a viewer, a read-only file).
    ServiceLevelsDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent = nullptr);
    ~ServiceLevelsDialog() override;

    /// Reads the service levels from the file again (what was typed is dropped).
    void reload();

    /// The policy and calendar as typed, or null after saying what is wrong (and putting the focus there).
    std::optional<std::pair<sla::Policy, sla::Calendar>> typed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct TargetFields
    {
        QLineEdit *response = nullptr;
        QLineEdit *resolution = nullptr;
        QCheckBox *allDay = nullptr;
    };

    bool canManage() const;
    void showLevels(const sla::Policy &policy, const sla::Calendar &calendar);
    void save();
    /// What became of a save: closes, or says why not (a colleague's save meanwhile: saving again replaces it).
    void saved(const storage::Status &status);
    void addHoliday();
    void removeHoliday();
    /// Says @p message under the tabs, and puts the focus on @p field (its tab shown); null: no field to point at.
    void refuse(const QString &message, QWidget *field = nullptr);
    void updateControls();

    storage::BoardStore &m_store;
    BoardActions *m_actions;
    qint64 m_version = -1; ///< of the service levels shown, for the compare-and-swap
    bool m_saving = false;
    int m_shown = 0; ///< counts reload(): a save's outcome is only for the levels it was made from
    QTabWidget *m_tabs = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_error = nullptr;
    std::array<TargetFields, 4> m_targets; ///< by storage::Priority
    QHash<storage::StatusTag, QCheckBox *> m_pausing;
    QComboBox *m_timeZone = nullptr;
    std::array<QLineEdit *, 7> m_week{}; ///< Monday first
    QTableWidget *m_holidays = nullptr;
    QPushButton *m_addHoliday = nullptr;
    QPushButton *m_removeHoliday = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hb::board
