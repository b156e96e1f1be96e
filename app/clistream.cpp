// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli: list --json written as it is read, a page of cards at a time.
#include "cli.h"

#include "cli_p.h"
#include "clistream.h"

#include <board/cardfilter.h>
#include <storage/boardexport.h>
#include <storage/boardstore.h>
#include <storage/jsonstreamwriter.h>

namespace hb::app {

using namespace hb::storage;

int Cli::writeCardsJson(const CardQuery &query, const board::CardFilter &filter)
{
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    const board::CardFilter::Context context{m_store->now(), m_store->login()};
    TextStreamDevice out(m_out);
    JsonStreamWriter writer(&out);
    // One snapshot, as when the whole list was read at once.
    const Status read = m_store->readSnapshot([&]() -> Status {
        auto ids = m_store->cardIds(query);
        if (!ids)
            return ids.error();
        writer.beginArray();
        for (qsizetype first = 0; first < ids->size(); first += BoardExport::s_cardsPerPage) {
            auto cards = m_store->cardsWithIds(ids->mid(first, BoardExport::s_cardsPerPage));
            if (!cards)
                return cards.error();
            for (const Card &card : std::as_const(*cards)) {
                if (filter.matches(card, context))
                    writer.value(exporter->card(card));
            }
        }
        writer.end();
        return {};
    });
    if (!read)
        return fail(read.error());
    return Ok;
}

} // namespace hb::app
