// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <functional>

class QChart;
class QChartView;
class QLabel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace hb::board {

/**
 * One chart of the dashboard: a title, bars (grouped or stacked, up or across) and, in its place when asked, the same
 * numbers as a table for screen readers and for copying. A click on a bar, or Enter or a double-click on a cell,
 * calls activated with the set and the category: the dashboard's drill-down.
 */
class ChartPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartPanel)

public:
    enum class Bars { Up, Across, AcrossStacked };
    struct Set
    {
        QString name;
        QList<double> values;
        QColor color;
    };

    ChartPanel(const QString &name, const QString &title, const QString &definition, Bars bars,
               QWidget *parent = nullptr);
    ~ChartPanel() override;

    /// The bars: one per category of each set; @p unit follows each value in the table ("%", or nothing).
    void setData(const QStringList &categories, const QList<Set> &sets, const QString &unit = {});
    void setShowTable(bool table);
    std::function<void(int set, int category)> activated;

    QString title() const { return m_title; }
    QChartView *chartView() const { return m_view; }
    QTableView *table() const { return m_table; }
    QStandardItemModel *tableModel() const { return m_model; }
    /// Where bar @p category of set @p set is drawn, in the chart view's viewport (for tests that click it).
    QPoint barCenter(int set, int category) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    /// The category drawn as bar @p index, and the bar category @p index is drawn as (bars across are drawn upside
    /// down, so that they read from the top).
    int drawnAt(int index) const;

    Bars m_bars;
    QString m_title;
    QStringList m_categories;
    QList<Set> m_sets;
    QChart *m_chart;
    QChartView *m_view;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_empty;
    QStackedWidget *m_stack;
    bool m_showTable = false;
    bool m_percent = false; ///< the values are shares
};

} // namespace hb::board
