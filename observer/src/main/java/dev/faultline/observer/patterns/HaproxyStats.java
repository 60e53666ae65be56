package dev.faultline.observer.patterns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HAProxy's stats CSV ({@code ;csv}): the header line names the columns ({@code # pxname,svname,...,stot,
 * ...,status,...}); one line per proxy and server. Only the servers of one backend are kept.
 */
public final class HaproxyStats {

    private HaproxyStats() {
    }

    public static Map<String, MetricsPoll.ServerState> servers(String csv, String backend) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("#")) {
            throw new IllegalArgumentException("not an HAProxy stats CSV: no header line");
        }
        List<String> header = Arrays.asList(lines[0].substring(1).trim().split(",", -1));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int stot = header.indexOf("stot");
        int status = header.indexOf("status");
        if (px < 0 || sv < 0 || stot < 0 || status < 0) {
            throw new IllegalArgumentException("HAProxy stats CSV lacks pxname, svname, stot or status");
        }
        Map<String, MetricsPoll.ServerState> servers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length <= Math.max(Math.max(px, sv), Math.max(stot, status)) || !backend.equals(f[px])
                    || "FRONTEND".equals(f[sv]) || "BACKEND".equals(f[sv])) {
                continue;
            }
            long sessions = f[stot].isEmpty() ? 0 : Long.parseLong(f[stot]);
            servers.put(f[sv], new MetricsPoll.ServerState(f[status], sessions));
        }
        return servers;
    }
}
