/*
 * Lens Lineage's search worker: Material's own (loaded below), with three changes.
 *
 * 1. Whole words rank above longer words they begin. Material turns every word of a query into a
 *    prefix search, so "CM1" becomes "cm1*" and matches "cm10" too; lunr then ranks the rarer word
 *    higher, and the CM10 came before the CM1. Each plain word of the query is also asked for as an
 *    exact term, boosted ("CM1" -> "CM1 CM1^10"). Which pages match does not change. Queries using
 *    lunr's syntax ("+", "-", quotes, "field:", "^", "~", "*") are passed on untouched.
 * 2. A thing's own page ranks above pages that mention it: the pages made from data (a device, a
 *    company, a partnership, a sensor) weigh twice as much in the index, so "Elmarit" opens the CM1,
 *    whose lens it is, before the history page that tells of it. (A page's front matter can still set
 *    Material's search.boost; this multiplies it.)
 * 3. Results carry no tags: Material draws each result's tags as an unnamed <nav> landmark, many alike
 *    in one list (axe: landmark-unique), in grey below 4.5:1. Tags still count for matching.
 *
 * overrides/main.html points Material's configuration at this file and names Material's worker in
 * ?material=, so the pair stays right when Material (and its hashed file name) is upgraded.
 */
"use strict"

/* Material's message types */
const SETUP = 0
const QUERY = 2
const RESULT = 3

const EXACT_BOOST = 10
const ENTITY_BOOST = 2
const ENTITY_PAGE = /^(devices|companies|partnerships|sensors)\/[^/#?]+\//

const material = new URL(self.location.href).searchParams.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`ll-search: no Material search worker named in ${self.location.href}`)

function withExactWords(query) {
  if (typeof query !== "string" || /["+:^~*]|(^|\s)-/.test(query))
    return query
  const words = query.split(/[\s-]+/).filter(word => /^[\p{L}\p{N}]+$/u.test(word))
  return words.length ? `${query} ${words.map(word => `${word}^${EXACT_BOOST}`).join(" ")}` : query
}

function withEntityBoost(setup) {
  if (!setup || !Array.isArray(setup.docs))
    return setup
  const docs = setup.docs.map(doc => ENTITY_PAGE.test(doc.location || "")
    ? { ...doc, boost: (doc.boost || 1) * ENTITY_BOOST }
    : doc)
  return { ...setup, docs }
}

function withoutTags(result) {
  if (!result || !Array.isArray(result.items))
    return result
  return { ...result, items: result.items.map(group => group.map(({ tags, ...item }) => item)) }
}

/* Material's worker calls a bare addEventListener and postMessage, which resolve to these properties
 * of the global object. (No top-level const/let of those names here: a global lexical binding would
 * shadow the properties for Material's script too.) */
{
  const listen = self.addEventListener.bind(self)
  self.addEventListener = (type, listener, options) => listen(type, type !== "message"
    ? listener
    : event => {
      const message = event.data
      if (message && message.type === QUERY)
        event = new MessageEvent("message", { data: { ...message, data: withExactWords(message.data) } })
      else if (message && message.type === SETUP)
        event = new MessageEvent("message", { data: { ...message, data: withEntityBoost(message.data) } })
      return listener(event)
    }, options)

  const post = self.postMessage.bind(self)
  self.postMessage = (message, ...rest) => post(message && message.type === RESULT
    ? { ...message, data: withoutTags(message.data) }
    : message, ...rest)
}

importScripts(material)
