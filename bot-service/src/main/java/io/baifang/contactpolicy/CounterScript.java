package io.baifang.contactpolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The one Lua script that decides and counts a customer's attempt in one round trip. It mirrors
 * {@link ContactRules#evaluate}: keep this and that in step (the contract tests run both stores through
 * the same cases). The policy's caps are written into the script text, so a policy change is a new script.
 *
 * <p>It only answers allowed or refused. On a refusal it returns the customer's records and Java works out
 * which rule and until when, with the same code the JVM store uses. When it counts, it also returns the
 * hold the send used and the holds it displaced, so that the gate can mark their lines in the contact log.
 */
final class CounterScript {

    static final long NOT_READY = -1;
    static final long REFUSED = 0;
    static final long ALLOWED = 1;

    private static final String TEMPLATE = """
            -- KEYS[1] the customer's record  KEYS[2] the epoch marker of its slot  KEYS[3] provider submissions (optional)
            -- ARGV[1] reserve | check | release | forget-wave   ARGV[2] now (ms)
            -- ARGV[3] the contact to count "at,weight,priority,hold,waveKey", or '' when only a submission counts
            -- (forget-wave: the waveKey whose contacts, not holds, are removed)
            -- ARGV[4] provider max (0: none)   ARGV[5] provider window (ms)   ARGV[6] release: the submission's time
            -- answers {-1} counters lost, {0, record, submissions} refused, {1} allowed (check), or
            -- {1, the hold used, the holds displaced} allowed and counted; forget-wave {1, how many removed}
            local CAPS = {@CAPS@}
            local WAVE_MAX = @WAVE_MAX@
            local LONGEST = @LONGEST@
            local GRACE = @GRACE@

            local mode = ARGV[1]
            local function remove_one(key, item)
              local raw = redis.call('GET', key)
              if not raw or item == '' then return end
              local kept, removed = {}, false
              for s in string.gmatch(raw, '[^;]+') do
                if not removed and s == item then removed = true else kept[#kept + 1] = s end
              end
              if not removed then return end
              if #kept == 0 then redis.call('DEL', key) else redis.call('SET', key, table.concat(kept, ';'), 'KEEPTTL') end
            end
            if mode == 'release' then
              remove_one(KEYS[1], ARGV[3])
              if KEYS[3] then remove_one(KEYS[3], ARGV[6]) end
              return {1}
            end
            if mode == 'forget-wave' then
              local raw = redis.call('GET', KEYS[1])
              if not raw then return {1, 0} end
              local kept, removed = {}, 0
              for s in string.gmatch(raw, '[^;]+') do
                local h, wk = string.match(s, '^%d+,%d+,%d+,([01]),(.*)$')
                if h == '0' and wk == ARGV[3] then removed = removed + 1 else kept[#kept + 1] = s end
              end
              if removed == 0 then return {1, 0} end
              if #kept == 0 then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], table.concat(kept, ';'), 'KEEPTTL') end
              return {1, removed}
            end

            -- one MGET for marker, record and submissions: every redis.call from Lua has a price
            local got
            if KEYS[3] then got = redis.call('MGET', KEYS[2], KEYS[1], KEYS[3]) else got = redis.call('MGET', KEYS[2], KEYS[1]) end
            -- counters lost (Redis came back empty): refuse to decide until they are rebuilt
            if not got[1] then return {-1} end

            local now = tonumber(ARGV[2])
            local raw_record = got[2]
            local raw_subs = got[3] or false

            local function parse(s)
              local at, w, p, h, wk = string.match(s, '^(%d+),(%d+),(%d+),([01]),(.*)$')
              return {at = tonumber(at), w = tonumber(w), p = tonumber(p), h = (h == '1'), wk = wk, s = s}
            end

            local entries = {}
            if raw_record then
              for s in string.gmatch(raw_record, '[^;]+') do
                local e = parse(s)
                if e.at + LONGEST > now and not (e.h and e.at + GRACE <= now) then entries[#entries + 1] = e end
              end
            end
            local provider_max, provider_window = tonumber(ARGV[4]), tonumber(ARGV[5])
            local subs = {}
            if raw_subs then
              for s in string.gmatch(raw_subs, '[^;]+') do
                if tonumber(s) > now - provider_window then subs[#subs + 1] = s end
              end
            end

            local refused = false
            local req = nil
            -- what an allowed attempt ends, for the contact log: the hold it used, the holds it displaced
            local used, displaced = '', {}
            if ARGV[3] ~= '' then
              req = parse(ARGV[3])
              -- a send of a wave uses the hold its campaign placed for it
              if not req.h and req.wk ~= '' then
                for i = 1, #entries do
                  if entries[i].h and entries[i].wk == req.wk then used = entries[i].s table.remove(entries, i) break end
                end
              end
              if req.wk ~= '' then
                local same = 0
                for i = 1, #entries do if entries[i].wk == req.wk then same = same + 1 end end
                if same >= WAVE_MAX then refused = true end
              end
              local function exceeded()
                local over = {}
                for c = 1, #CAPS do
                  local sum = req.w
                  for i = 1, #entries do
                    local e = entries[i]
                    if not e.gone and math.abs(req.at - e.at) < CAPS[c][1] then sum = sum + e.w end
                  end
                  if sum > CAPS[c][2] then over[#over + 1] = CAPS[c][1] end
                end
                return over
              end
              if not refused then
                local over = exceeded()
                while #over > 0 do
                  -- displace the lowest-priority (then latest) hold of another wave standing in an exceeded window
                  local pick = nil
                  for i = 1, #entries do
                    local e = entries[i]
                    if not e.gone and e.h and e.p < req.p and e.wk ~= req.wk then
                      local stands = false
                      for o = 1, #over do if math.abs(req.at - e.at) < over[o] then stands = true end end
                      if stands and (pick == nil or e.p < pick.p or (e.p == pick.p and e.at > pick.at)) then pick = e end
                    end
                  end
                  if pick == nil then break end
                  pick.gone = true
                  displaced[#displaced + 1] = pick
                  over = exceeded()
                end
                if #over > 0 then
                  for i = 1, #displaced do displaced[i].gone = false end
                  displaced = {}
                  refused = true
                end
              end
            end
            local counts_submission = provider_max > 0 and not (req and req.h)
            if not refused and counts_submission and #subs >= provider_max then refused = true end

            if refused then return {0, raw_record or '', raw_subs or ''} end
            if mode == 'check' then return {1} end

            if req then
              local kept, last = {}, req.at
              for i = 1, #entries do
                local e = entries[i]
                if not e.gone then
                  kept[#kept + 1] = e.s
                  if e.at > last then last = e.at end
                end
              end
              kept[#kept + 1] = req.s
              redis.call('SET', KEYS[1], table.concat(kept, ';'), 'PX', last + LONGEST - now)
            end
            if counts_submission then
              subs[#subs + 1] = ARGV[2]
              redis.call('SET', KEYS[3], table.concat(subs, ';'), 'PX', ARGV[5])
            end
            local ended = {}
            for i = 1, #displaced do ended[i] = displaced[i].s end
            return {1, used, table.concat(ended, ';')}
            """;

    private final String text;
    private final String sha1;

    CounterScript(ContactPolicySettings settings) {
        String caps = settings.caps().stream()
                .map(cap -> "{" + cap.window().toMillis() + "," + cap.max() + "}")
                .collect(Collectors.joining(","));
        this.text = TEMPLATE
                .replace("@CAPS@", caps)
                .replace("@WAVE_MAX@", Integer.toString(settings.campaignWave().max()))
                .replace("@LONGEST@", Long.toString(settings.longestWindow().toMillis()))
                .replace("@GRACE@", Long.toString(settings.holdGrace().toMillis()));
        this.sha1 = sha1(text);
    }

    String text() {
        return text;
    }

    String sha1() {
        return sha1;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
