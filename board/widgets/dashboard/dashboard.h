// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/metrics/dataset.h>
#include <board/metrics/report.h>
#include <board/rules/cardfilter.h>

#include <QDate>
#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

#include <functional>

class QAbstractButton;
class QComboBox;
class QDateEdit;
class QGridLayout;
class QLabel;
class QTimer;
class QToolButton;

namespace hb::board {

class ChartPanel;

/**
 * The help-desk metrics of docs/metrics.md at a glance, beside the board (View > Dashboard): headline tiles, the
 * charts a manager reads, and the other figures, for a period (last 7, 30 or 90 days, this month, last month, or
 * chosen days) and the board's filter. A click on a tile, a bar or a table cell shows exactly the tickets behind it
 * on the board (drillDown). "Show as tables" puts every chart's numbers in a table instead. It reads the board again
 * a moment after it changes (its own and colleagues' edits), while it is shown.
 */
class Dashboard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dashboard)

public:
    /**
     * Reads the board, on a thread of the pool: with a connection of its own, never the window's. Given the last read
     * of the same board (empty: none yet), it may read only what changed since (metrics::updateDataset()).
     */
    using Reader = std::function<storage::Result<metrics::Dataset>(metrics::Dataset previous)>;
    enum class Range { Last7Days, Last30Days, Last90Days, ThisMonth, LastMonth, Custom };
    Q_ENUM(Range)

    explicit Dashboard(QWidget *parent = nullptr);
    ~Dashboard() override;

    /// How to read the board's tickets; null: no board. Read at once when shown, else when next shown.
    void setReader(Reader reader);
    /// The board's filter (its drill-down left out) applies to every tile and chart, as the board is filtered.
    void setFilter(const CardFilter &filter, const CardFilter::Context &context, const QString &described);
    /// The period: @p from and @p to (whole days, the desk's) for Range::Custom.
    void setRange(Range range, QDate from = {}, QDate to = {});

    const metrics::Summary &summary() const { return m_summary; }
    /// What the figures were worked out from (the last read).
    const metrics::Dataset &dataset() const { return m_data; }
    const metrics::Period &period() const { return m_period; }
    /// How many tickets the figures are of (the filter applied; archived ones in).
    int ticketsShown() const { return int(m_rows.size()); }
    /// Why the last read failed; empty when it did not.
    QString readError() const { return m_readError; }

    /// The figures as a PDF for the monthly review: the board, the period and the filter on the first page, then the
    /// tiles, the other figures, and each chart with its table. An error says why nothing was written.
    storage::Status exportPdf(const QString &path) const;
    /// The figures (metric,detail,value) and the period's tickets (a line each) as two CSV files.
    storage::Status exportCsv(const QString &figuresPath, const QString &ticketsPath) const;

public Q_SLOTS:
    /// The board changed: read again a moment later (once for a burst of changes) when shown.
    void boardChanged();
    /// Reads the board again now, in the background: updated() says when the figures are those of that read.
    void reload();

Q_SIGNALS:
    /// Show exactly @p ids on the board, named @p name ("Resolved, Nov 8 – Dec 7"); @p archived of them are archived.
    void drillDown(const QSet<qint64> &ids, const QString &name, int archived);
    /// The figures were worked out again (a read, a period or a filter change).
    void updated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Tile;
    /// The rows the filter lets through, and the period; then the figures, tiles and charts.
    void recompute();
    /// A read ended: its figures shown, or its error said.
    void takeRead();
    void showFigures();
    /// The tickets of @p slice, on the board (as a drill-down filter) named @p what.
    void drill(const metrics::Slice &slice, const QString &what);
    QString periodText() const;
    /// File > Export's questions: where to, then exportPdf() or exportCsv(), and what came of it.
    void askExportPdf();
    void askExportCsv();
    ChartPanel *addChart(const QString &name, const QString &title, const QString &definition, int bars);
    QAbstractButton *addTile(const QString &name, const QString &caption, const QString &definition,
                             const metrics::Slice &slice);

    Reader m_reader;
    QFutureWatcher<storage::Result<metrics::Dataset>> m_reading;
    int m_generation = 0;     ///< counts readers set: a read for another board is not shown
    int m_readGeneration = 0; ///< the generation the running read is for
    bool m_again = false;     ///< the board changed while it was read
    metrics::Dataset m_data;
    bool m_read = false;
    bool m_stale = true; ///< read again when next shown
    QString m_readError;
    CardFilter m_filter;
    CardFilter::Context m_context;
    QString m_described; ///< the filter, for people
    Range m_range = Range::Last30Days;
    QDate m_from;
    QDate m_to;
    metrics::Period m_period;
    QList<metrics::TicketRow> m_rows; ///< those the filter lets through
    QList<qsizetype> m_indexes;       ///< where each of m_rows is in m_data
    metrics::Summary m_summary;

    QComboBox *m_rangeBox;
    QDateEdit *m_fromEdit;
    QDateEdit *m_toEdit;
    QToolButton *m_tablesButton;
    QLabel *m_scope; ///< the period, the filter, and what was left out
    QGridLayout *m_tiles;
    QList<QAbstractButton *> m_tileButtons;
    QLabel *m_others; ///< the figures that are neither tiles nor charts
    QList<ChartPanel *> m_charts;
    // The categories of the charts of things with names, in their order.
    QStringList m_technicianNames;
    QList<qint64> m_labelIds;
    QList<qint64> m_targetIds;
    QList<qint64> m_articleIds; ///< the bars of "Solved with an article", in order
    QTimer *m_changed;
};

} // namespace hb::board
