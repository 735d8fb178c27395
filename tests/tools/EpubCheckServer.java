// EPUBCheck for a whole test binary in one JVM (issue 15): reads EPUB paths from stdin, one per
// line, checks each with EPUBCheck's own command-line tool, and ends each report with a line
// `@@@ exit N` (N: EPUBCheck's exit code). Run with the source launcher:
//   java -cp epubcheck.jar tests/tools/EpubCheckServer.java
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

public class EpubCheckServer {
    public static void main(String[] args) throws Exception {
        // One stream, so a report's messages and its end line arrive in order.
        System.setErr(System.out);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String path;
        while ((path = in.readLine()) != null) {
            int code = new EpubChecker().run(new String[] {path});
            System.out.println("@@@ exit " + code);
            System.out.flush();
        }
    }
}
