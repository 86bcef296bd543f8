// Parses an iCalendar file with ical.js (Mozilla's RFC 5545 parser) and prints what a calendar reads, as JSON:
// {"version", "prodid", "properties": [calendar property names], "events": [{"uid", "summary", "location",
// "description", "url", "start", "end", "stamp" (UTC, ISO 8601), "sequence", "status", "properties": [names]}]}.
// usage: node parse.js < feed.ics
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');

const text = fs.readFileSync(0, 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
const utc = (component, name) => {
  const value = component.getFirstPropertyValue(name);
  return value ? value.toJSDate().toISOString() : null;
};
const events = calendar.getAllSubcomponents('vevent').map((e) => ({
  uid: e.getFirstPropertyValue('uid'),
  summary: e.getFirstPropertyValue('summary'),
  location: e.getFirstPropertyValue('location'),
  description: e.getFirstPropertyValue('description'),
  url: e.getFirstPropertyValue('url'),
  start: utc(e, 'dtstart'),
  end: utc(e, 'dtend'),
  stamp: utc(e, 'dtstamp'),
  sequence: e.getFirstPropertyValue('sequence'),
  status: e.getFirstPropertyValue('status'),
  properties: e.getAllProperties().map((p) => p.name),
}));

process.stdout.write(JSON.stringify({
  version: calendar.getFirstPropertyValue('version'),
  prodid: calendar.getFirstPropertyValue('prodid'),
  properties: calendar.getAllProperties().map((p) => p.name),
  components: calendar.getAllSubcomponents().map((c) => c.name),
  events,
}));
