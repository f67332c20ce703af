/**
 * Icons drawn as SVG: emoji and rarer symbols are missing from many fonts (Linux
 * browsers show an empty box for a bell or a stopwatch), while a path draws the same
 * everywhere.
 */
import Svg, { Circle, Path } from 'react-native-svg';

type IconProps = { size?: number; color: string };

export function BellIcon({ size = 22, color }: IconProps) {
  return (
    <Svg width={size} height={size} viewBox="0 0 24 24" fill="none" accessibilityElementsHidden>
      <Path
        d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Z"
        stroke={color}
        strokeWidth={1.8}
        strokeLinejoin="round"
      />
      <Path d="M10 20.5a2 2 0 0 0 4 0" stroke={color} strokeWidth={1.8} strokeLinecap="round" />
    </Svg>
  );
}

export function StopwatchIcon({ size = 20, color }: IconProps) {
  return (
    <Svg width={size} height={size} viewBox="0 0 24 24" fill="none" accessibilityElementsHidden>
      <Circle cx={12} cy={13.5} r={7.5} stroke={color} strokeWidth={1.8} />
      <Path d="M12 13.5V9.5M10 3h4M12 3v2.5" stroke={color} strokeWidth={1.8} strokeLinecap="round" />
    </Svg>
  );
}
