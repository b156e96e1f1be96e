// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/rules/cardfilter.h>

#include <QWidget>

#include <array>
#include <functional>

class QAction;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

/**
 * The bar above the board: a search field (full text over titles, descriptions, comments and checklists, prefix
 * matching as you type; Esc clears it), toggles for Overdue, Due within 24 h, Unassigned, Assigned to me, Needs
 * review and Blocked, and More filters (priority, labels, assignee, requester, channel). Everything that is on must
 * hold. When nothing matches, it says which filters are on and offers to clear them.
 *
 * Filters can be saved by name (Saved); the last filter of a board comes back the next time it is opened. Both are
 * the user's own settings, per board.
 */
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    /// The board searched and its labels and members; null: no search (the field is disabled). @p settingsGroup:
    /// where this board's last and saved filters are kept; the last one is put back (and said).
    void setStore(storage::BoardStore *store, const QString &settingsGroup = {});
    /// How a login is named in describe() (the board model's names, read with the board); the login itself until set.
    void setNameOf(std::function<QString(const QString &login)> nameOf) { m_nameOf = std::move(nameOf); }
    /// The filter as the bar sets it, search hits included.
    const CardFilter &filter() const { return m_filter; }
    /// Puts the bar in the state @p filter describes (its search text is searched again).
    void setFilter(const CardFilter &filter);
    /// What is on, for people: "Overdue, Blocked, “printer”"; empty when nothing is. The dashboard's drill-down is
    /// said too, unless @p drillDown is false.
    QString describe(bool drillDown = true) const;
    /// Tells the bar how many cards the filter lets through, so it can say when none do.
    void setShownCount(int shown);
    QLineEdit *searchField() const { return m_search; }
    /// Puts a button for @p action at the start of the bar (the window's New Ticket: no toolbar row of its own).
    void addLeadingAction(QAction *action);

public Q_SLOTS:
    void clear();
    /// Ctrl+F: the search field, its text selected.
    void focusSearch();
    /// The board's cards changed: a search that is on runs again, a moment later (once for a burst of changes).
    void refreshSearch();
    /// Saves the filter as it is under @p name (replacing one of that name).
    void saveFilter(const QString &name);
    /// The saved filters, by name.
    QStringList savedFilters() const;
    /// Puts saved filter @p name on; false when there is none of that name.
    bool useSavedFilter(const QString &name);
    void deleteSavedFilter(const QString &name);

    /// As narrow as the search above the buttons allows (the buttons then go below it); as wide as one row.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    /// The filter changed (a toggle at once; typing a moment after the last key).
    void filterChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int s_searchMinWidth = 180;
    static constexpr int s_searchWideWidth = 260; ///< narrower than this, the buttons go on a line of their own
    /// The width the bar needs to keep search and buttons on one line.
    int wideWidth() const;
    QToolButton *toggle(const QString &name, const QString &text, const QString &tip);
    /// The toggles on the bar, in their order.
    std::array<QToolButton *, 8> toggles() const
    {
        return {m_overdue, m_dueSoon, m_unassigned, m_mine, m_needsReview, m_blocked, m_slaAtRisk, m_slaBreached};
    }
    /// A button that opens a menu, which @p fill fills each time it opens; the menu is named NAME + "Menu".
    QToolButton *menuButton(const QString &name, const QString &text, const QString &tip, void (FilterBar::*fill)());
    void fillMoreMenu();
    void fillSavedMenu();
    void askSaveName();
    void askRequester();
    /// @p filter without the labels the board no longer has (a saved filter may name deleted ones).
    CardFilter withoutMissingLabels(CardFilter filter) const;
    /// Changes one of the More filters and applies it.
    void changeMore(const std::function<void(CardFilter &)> &change);
    /// Builds the filter from the controls (and runs the search) and says so.
    void apply();
    /// Writes the filter as this board's last one (QSettings), for the next start.
    void keepLast();

    storage::BoardStore *m_store = nullptr;
    std::function<QString(const QString &login)> m_nameOf;
    CardFilter m_filter;
    QLineEdit *m_search = nullptr;
    QGridLayout *m_grid = nullptr;
    QWidget *m_controls = nullptr; ///< the filter buttons: right of the search, or below it on a narrow window
    bool m_narrow = false;
    QHBoxLayout *m_row = nullptr;
    QTimer *m_typing = nullptr;
    QTimer *m_keepLast = nullptr;
    QToolButton *m_overdue = nullptr;
    QToolButton *m_dueSoon = nullptr;
    QToolButton *m_unassigned = nullptr;
    QToolButton *m_mine = nullptr;
    QToolButton *m_needsReview = nullptr;
    QToolButton *m_blocked = nullptr;
    QToolButton *m_slaAtRisk = nullptr;
    QToolButton *m_slaBreached = nullptr;
    QToolButton *m_more = nullptr;
    QToolButton *m_saved = nullptr;
    QToolButton *m_clear = nullptr;
    QToolButton *m_drill = nullptr; ///< the dashboard's drill-down, shown while it is on
    CardFilter m_extra;             ///< what More filters sets: priority, labels, assignee, requester, channel, waiting
    QString m_settingsGroup;
    QWidget *m_empty = nullptr;
    QLabel *m_emptyText = nullptr;
    QString m_searchError;
    bool m_applying = false;
};

} // namespace hb::board
