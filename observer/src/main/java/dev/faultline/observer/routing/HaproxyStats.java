package dev.faultline.observer.routing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's stats CSV ({@code ;csv}): the header line names the columns ({@code # pxname,svname,...,stot,
 * ...,status,...}); one line per proxy and server. Only the servers of one backend are kept; a server is healthy
 * while its status starts with UP (also {@code UP 1/3}, going down), and {@code stot} (sessions) is its request
 * counter; {@code addr} (when present) its address.
 */
public record HaproxyStats(String statsUrl, String backend) implements RoutingSource {

    @Override
    public List<String> urls() {
        return List.of(statsUrl);
    }

    @Override
    public Map<String, ServerState> servers(List<String> bodies) {
        return servers(bodies.get(0), backend);
    }

    static Map<String, ServerState> servers(String csv, String backend) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("#")) {
            throw new IllegalArgumentException("not an HAProxy stats CSV: no header line");
        }
        List<String> header = Arrays.asList(lines[0].substring(1).trim().split(",", -1));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int stot = header.indexOf("stot");
        int status = header.indexOf("status");
        int addr = header.indexOf("addr"); // absent before HAProxy 1.9; empty for a slot without an address
        if (px < 0 || sv < 0 || stot < 0 || status < 0) {
            throw new IllegalArgumentException("HAProxy stats CSV lacks pxname, svname, stot or status");
        }
        Map<String, ServerState> servers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length <= Math.max(Math.max(px, sv), Math.max(stot, status)) || !backend.equals(f[px])
                    || "FRONTEND".equals(f[sv]) || "BACKEND".equals(f[sv])) {
                continue;
            }
            long sessions = f[stot].isEmpty() ? 0 : Long.parseLong(f[stot]);
            String address = addr >= 0 && addr < f.length && !f[addr].isEmpty() ? f[addr] : null;
            servers.put(f[sv], new ServerState(f[status].startsWith("UP"), f[status], sessions, address));
        }
        return servers;
    }
}
