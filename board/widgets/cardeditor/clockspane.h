// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QList>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QTimer;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardModel;

class StoreWorker;

namespace sla {
class Desk;
struct Clock;
struct Resolved;
} // namespace sla

/**
 * The card editor's service levels: the response and resolution clocks of the card shown, as the board model last
 * had them from the poller (where each stands, the business time counted of its target, when it is due in the desk's
 * time zone and here when they differ, the time paused), and the targets that apply, read with the board and again
 * every minute while shown. Says why when the board's service levels cannot be used. Reads no card's history itself.
 * For an open ticket, the estimate for the person waiting ("usually resolved within ~6h"), from the tickets resolved
 * in the last 90 days: read in the background (a big board's take a tenth of a second) and again every 10 minutes.
 */
class ClocksPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClocksPane)

public:
    explicit ClocksPane(BoardModel &model, QWidget *parent = nullptr);
    ~ClocksPane() override;

    /// The board the cards are on; its service levels are read now.
    void setBoard(storage::BoardStore *store);
    /// The clocks of @p card (as the board shows it; its history as the file has it); none hides the pane.
    void showCard(const storage::Card *card);

private:
    void refresh();
    void readLevels();
    /// Reads the tickets resolved lately in the background; the estimate shows once they are read.
    void readResolved();
    QString line(const sla::Clock &clock, bool resolution) const;
    QString dueText(qint64 at) const;

    BoardModel &m_model;
    storage::BoardStore *m_store = nullptr;
    std::unique_ptr<sla::Desk> m_desk;
    QString m_deskProblem;
    std::optional<storage::Card> m_card;
    QLabel *m_response = nullptr;
    QLabel *m_resolution = nullptr;
    QLabel *m_targets = nullptr;
    QLabel *m_estimate = nullptr;
    QTimer *m_tick = nullptr;
    std::unique_ptr<StoreWorker> m_reader;
    QList<sla::Resolved> m_resolved;
    qint64 m_resolvedReadAt = 0; ///< when m_resolved was read; 0: not yet
    bool m_readingResolved = false;
};

} // namespace hb::board
