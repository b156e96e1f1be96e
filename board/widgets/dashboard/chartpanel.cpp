// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartpanel.h"

#include <board/widgets/common/theme.h>

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace hb::board {

namespace {

constexpr int s_chartPage = 0;
constexpr int s_tablePage = 1;
constexpr int s_emptyPage = 2;
constexpr int s_rowHeight = 24; ///< per category of bars across
constexpr int s_namesUnder = 8; ///< at most this many names under bars up

} // namespace

ChartPanel::ChartPanel(const QString &name, const QString &title, const QString &definition, Bars bars, QWidget *parent)
    : QWidget(parent)
    , m_bars(bars)
    , m_title(title)
    , m_chart(new QChart)
    , m_model(new QStandardItemModel(this))
{
    setObjectName(name);
    auto *heading = new QLabel(title, this);
    heading->setTextFormat(Qt::PlainText);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setToolTip(definition);
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(name + QStringLiteral("Chart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(title);
    m_view->setAccessibleDescription(definition);
    m_view->setToolTip(definition);
    m_table = new QTableView(this);
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setAccessibleName(title);
    m_table->setAccessibleDescription(definition);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Enter and a double-click both activate a cell: the same drill-down as a click on its bar.
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (activated && index.isValid())
            activated(index.column(), index.row());
    });
    m_empty = new QLabel(tr("No tickets in this period"), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(s_chartPage, m_view);
    m_stack->insertWidget(s_tablePage, m_table);
    m_stack->insertWidget(s_emptyPage, m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(heading);
    layout->addWidget(m_stack, 1);
    restyle();
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::setData(const QStringList &categories, const QList<Set> &sets, const QString &unit)
{
    m_categories = categories;
    m_sets = sets;
    const bool percent = m_percent = unit == u"%";

    m_model->clear();
    QStringList setNames;
    for (const Set &set : sets)
        setNames << set.name;
    m_model->setHorizontalHeaderLabels(setNames);
    m_model->setVerticalHeaderLabels(categories);
    const QLocale locale;
    double top = 0;
    for (int column = 0; column < sets.size(); ++column) {
        for (int row = 0; row < categories.size(); ++row) {
            // (NaN: no data, a bar of nothing)
            const double value = sets.at(column).values.value(row);
            top = std::isnan(value) ? top : std::max(top, value);
            auto *item = new QStandardItem(std::isnan(value) ? tr("no data")
                                                             : locale.toString(value, 'f', percent ? 1 : 0) + unit);
            item->setData(value, Qt::UserRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setEditable(false);
            m_model->setItem(row, column, item);
        }
    }
    if (m_bars == Bars::AcrossStacked) {
        top = 0;
        for (int row = 0; row < categories.size(); ++row) {
            double sum = 0;
            for (const Set &set : sets)
                sum += set.values.value(row);
            top = std::max(top, sum);
        }
    }

    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    QAbstractBarSeries *series = nullptr;
    switch (m_bars) {
    case Bars::Up:
        series = new QBarSeries;
        break;
    case Bars::Across:
        series = new QHorizontalBarSeries;
        break;
    case Bars::AcrossStacked:
        series = new QHorizontalStackedBarSeries;
        break;
    }
    // Across, the first category on top, read down as a list: the axis counts from the bottom, so it goes last.
    const int count = int(categories.size());
    for (int i = 0; i < sets.size(); ++i) {
        auto *bars = new QBarSet(sets.at(i).name.toHtmlEscaped());
        for (int bar = 0; bar < count; ++bar) {
            const double value = sets.at(i).values.value(drawnAt(bar));
            bars->append(std::isnan(value) ? 0 : value);
        }
        bars->setColor(sets.at(i).color);
        bars->setBorderColor(sets.at(i).color);
        connect(bars, &QBarSet::clicked, this, [this, i](int bar) {
            if (activated)
                activated(i, drawnAt(bar));
        });
        series->append(bars);
    }
    m_chart->addSeries(series);
    // Qt Charts draws its labels as rich text: names (labels, people, targets) are escaped to show as they are.
    // Many bars up (a day each): a name under every few, each naming the bars up to the next.
    const int every =
            m_bars == Bars::Up ? std::max<int>(1, int(categories.size() + s_namesUnder - 1) / s_namesUnder) : 1;
    QAbstractAxis *names = nullptr;
    if (every > 1) {
        auto *spans = new QCategoryAxis;
        spans->setRange(-0.5, double(categories.size()) - 0.5);
        for (int i = 0; i < categories.size(); i += every)
            spans->append(categories.at(i).toHtmlEscaped(), std::min<double>(i + every, categories.size()) - 0.5);
        spans->setGridLineVisible(false);
        names = spans;
    } else {
        auto *each = new QBarCategoryAxis;
        for (int bar = 0; bar < count; ++bar)
            each->append(categories.at(drawnAt(bar)).toHtmlEscaped());
        names = each;
    }
    auto *values = new QValueAxis;
    if (percent) {
        values->setRange(0, 100);
        values->setTickCount(5);
        values->setLabelFormat(QStringLiteral("%i%%"));
    } else {
        // Whole numbers on every tick: 0 to a multiple of (ticks - 1) at or above the largest bar.
        const int largest = std::max(1, int(std::ceil(top)));
        const int steps = std::min(largest, 4);
        const int step = (largest + steps - 1) / steps;
        values->setRange(0, step * steps);
        values->setTickCount(steps + 1);
        values->setLabelFormat(QStringLiteral("%i"));
    }
    const bool up = m_bars == Bars::Up;
    // (Stacked bars across leave their names too little room to measure: they are never cut to "...".)
    names->setTruncateLabels(false);
    m_chart->addAxis(names, up ? Qt::AlignBottom : Qt::AlignLeft);
    m_chart->addAxis(values, up ? Qt::AlignLeft : Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(values);
    m_chart->legend()->setVisible(sets.size() > 1);
    if (!up)
        m_view->setMinimumHeight(std::max(160, 70 + s_rowHeight * int(categories.size())));
    else
        m_view->setMinimumHeight(200);
    m_table->setMinimumHeight(m_view->minimumHeight());
    m_empty->setMinimumHeight(m_view->minimumHeight());
    restyle();
    setShowTable(m_showTable);
}

void ChartPanel::setShowTable(bool table)
{
    m_showTable = table;
    bool any = false;
    for (const Set &set : std::as_const(m_sets))
        any = any || std::any_of(set.values.cbegin(), set.values.cend(), [this](double value) {
                  return value > 0 || (m_percent && !std::isnan(value)); // (0 % is a figure; no count is none)
              });
    m_stack->setCurrentIndex(table ? s_tablePage : any ? s_chartPage : s_emptyPage);
}

QPoint ChartPanel::barCenter(int set, int category) const
{
    const auto series = m_chart->series();
    if (series.isEmpty() || set < 0 || set >= m_sets.size())
        return {};
    const auto *bars = static_cast<QAbstractBarSeries *>(series.first());
    const double value = m_sets.at(set).values.value(category);
    double along = drawnAt(category);
    double across = value / 2;
    if (m_bars == Bars::AcrossStacked) {
        for (int i = 0; i < set; ++i)
            across += m_sets.at(i).values.value(category);
    } else {
        const double width = bars->barWidth();
        along += -width / 2 + width * (set + 0.5) / double(m_sets.size());
    }
    const QPointF point = m_bars == Bars::Up ? QPointF(along, across) : QPointF(across, along);
    const QPointF inChart = m_chart->mapToPosition(point, series.first());
    return m_view->mapFromScene(m_chart->mapToScene(inChart));
}

int ChartPanel::drawnAt(int index) const
{
    return m_bars == Bars::Up ? index : int(m_categories.size()) - 1 - index;
}

void ChartPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        restyle();
}

void ChartPanel::restyle()
{
    // The chart draws on the panel's own background, its words in the palette's text colour: light and dark alike.
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
    m_chart->legend()->setLabelColor(text);
    m_view->setBackgroundBrush(palette.brush(QPalette::Window));
}

} // namespace hb::board
