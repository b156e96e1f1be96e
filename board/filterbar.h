// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cardfilter.h"

#include <QWidget>

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
 * matching as you type; Esc clears it) and toggles for Overdue, Due within 24 h, Unassigned, Assigned to me, Needs
 * review and Blocked. Everything that is on must hold. When nothing matches, it says which filters are on and
 * offers to clear them.
 */
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    /// The board searched; null: no search (the field is disabled).
    void setStore(storage::BoardStore *store);
    /// The filter as the bar sets it, search hits included.
    const CardFilter &filter() const { return m_filter; }
    /// Puts the bar in the state @p filter describes (its search text is searched again).
    void setFilter(const CardFilter &filter);
    /// What is on, for people: "Overdue, Blocked, “printer”"; empty when nothing is.
    QString describe() const;
    /// Tells the bar how many cards the filter lets through, so it can say when none do.
    void setShownCount(int shown);
    QLineEdit *searchField() const { return m_search; }

public Q_SLOTS:
    void clear();
    /// Ctrl+F: the search field, its text selected.
    void focusSearch();

Q_SIGNALS:
    /// The filter changed (a toggle at once; typing a moment after the last key).
    void filterChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QToolButton *toggle(const QString &name, const QString &text, const QString &tip);
    /// Builds the filter from the controls (and runs the search) and says so.
    void apply();

    storage::BoardStore *m_store = nullptr;
    CardFilter m_filter;
    QLineEdit *m_search = nullptr;
    QTimer *m_typing = nullptr;
    QToolButton *m_overdue = nullptr;
    QToolButton *m_dueSoon = nullptr;
    QToolButton *m_unassigned = nullptr;
    QToolButton *m_mine = nullptr;
    QToolButton *m_needsReview = nullptr;
    QToolButton *m_blocked = nullptr;
    QToolButton *m_clear = nullptr;
    QWidget *m_empty = nullptr;
    QLabel *m_emptyText = nullptr;
    QString m_searchError;
    bool m_applying = false;
};

} // namespace hb::board
